# ruff: noqa: I001, F401  (kept exactly as the guide prints it)
# The FastAPI program of the guide "Using an External Web Server", verbatim.
# Run: uvicorn fastapi_async:web --host 0.0.0.0 --port 8000   (from this folder), then open
# http://localhost:8000. Ports 9500 and 8000 are fixed here; examples/deploy/fastapi_async.py
# is the improved recipe (ports from the environment, render_remote_html, clean shutdown).
import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.responses import HTMLResponse

from pgwidgets.async_ import Application

pgapp = Application(http_server=False, host="127.0.0.1", ws_port=9500)


@pgapp.on_connect
async def on_session(session):
    Widgets = session.get_widgets()
    top = await Widgets.TopLevel(title="FastAPI Async Demo", resizable=True)
    await top.resize(400, 300)
    label = await Widgets.Label("Hello from FastAPI + pgwidgets!")
    vbox = await Widgets.VBox(spacing=8, padding=10)
    await vbox.add_widget(label, 1)
    await top.set_widget(vbox)
    await top.show()


@asynccontextmanager
async def lifespan(app):
    # Start the pgwidgets WebSocket server on the shared event loop
    task = asyncio.create_task(pgapp.start())
    yield
    task.cancel()


web = FastAPI(lifespan=lifespan)


@web.get("/", response_class=HTMLResponse)
async def index():
    html = pgapp.remote_html.read_text(encoding="utf-8")
    inject = '<script>window.PGWIDGETS_WS_URL = "ws://localhost:9500";</script>\n'
    return html.replace("<head>", "<head>\n" + inject, 1)


# Serve pgwidgets JS/CSS assets
web.mount("/", StaticFiles(directory=str(pgapp.static_path)), name="static")
