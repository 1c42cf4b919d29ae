# ruff: noqa: I001, F401  (kept exactly as the guide prints it)
# The Flask program of the guide "Using an External Web Server", verbatim.
# Run: python flask_app.py, then open http://localhost:8000. Ports 9500 and 8000 are
# fixed here; examples/deploy/flask_app.py is the improved recipe.
from flask import Flask, send_from_directory
from pgwidgets.sync import Application
import threading

pgapp = Application(http_server=False, host="127.0.0.1", ws_port=9500)


@pgapp.on_connect
def on_session(session):
    Widgets = session.get_widgets()
    top = Widgets.TopLevel(title="Flask Demo", resizable=True)
    top.resize(400, 300)
    label = Widgets.Label("Hello from Flask + pgwidgets!")
    vbox = Widgets.VBox(spacing=8, padding=10)
    vbox.add_widget(label, 1)
    top.set_widget(vbox)
    top.show()


threading.Thread(target=pgapp.run, daemon=True).start()

web = Flask(__name__, static_folder=str(pgapp.static_path), static_url_path="")


@web.route("/")
def index():
    html = pgapp.remote_html.read_text(encoding="utf-8")
    inject = '<script>window.PGWIDGETS_WS_URL = "ws://localhost:9500";</script>\n'
    return html.replace("<head>", "<head>\n" + inject, 1)


if __name__ == "__main__":
    web.run(host="0.0.0.0", port=8000)
