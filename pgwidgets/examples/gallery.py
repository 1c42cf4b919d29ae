"""The pgwidgets gallery: every widget class once, live, with a theme switch (sync API).

Run ``python -m pgwidgets.examples.gallery [--host HOST] [--port PORT]`` after installing
pgwidgets (or ``python examples/gallery.py`` in a checkout; ``scripts/demo.sh`` starts it),
and open the URL it prints. Each tab shows one widget family; every user action is
reported in the status bar at the bottom, so the gallery doubles as a manual test of the
callbacks. The theme (light, dark, or follow the OS) is chosen from the View menu or the
combo box in the tool bar.
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Callable
from typing import Any

from pgwidgets.sync import Application

__all__ = ["FAMILIES", "build", "main"]

logger = logging.getLogger(__name__)

#: tab titles, in order (``scripts/screenshots.py`` takes one picture per tab)
FAMILIES = ("Controls", "Text", "Layout", "Display", "Data", "Windows")

THEMES = ("auto", "light", "dark")

#: a small picture for Image, inline so the gallery needs no files
PICTURE = (
    "data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg' width='160' "
    "height='90' viewBox='0 0 160 90'><rect width='160' height='90' fill='%23345'/>"
    "<circle cx='50' cy='45' r='28' fill='%23f5b841'/><path d='M70 90 L115 30 L160 90Z' "
    "fill='%2373a857'/></svg>"
)


class Gallery:
    """One session's gallery: the widgets, and the status line every callback writes to."""

    def __init__(self, session: Any) -> None:
        self.session = session
        self.W = session.get_widgets()
        self.status = self.W.StatusBar()

    # ----------------------------------------------------------------- helpers
    def say(self, text: str) -> None:
        """Show ``text`` in the status bar (the gallery's one output)."""
        self.status.set_message(text)

    def report(self, what: str) -> Callable[..., None]:
        """A callback handler that reports its arguments."""

        def handler(*args: Any) -> None:
            shown = ", ".join(repr(a) for a in args)
            self.say(f"{what}({shown})")

        return handler

    def column(self, *widgets: Any, spacing: int = 6) -> Any:
        box = self.W.VBox(spacing=spacing, padding=8)
        for w in widgets:
            box.add_widget(w, 0)
        return box

    def row(self, *widgets: Any, spacing: int = 6) -> Any:
        box = self.W.HBox(spacing=spacing)
        for w in widgets:
            box.add_widget(w, 0)
        return box

    def titled(self, title: str, child: Any) -> Any:
        frame = self.W.Frame(title=title)
        frame.set_widget(child)
        return frame

    def set_theme(self, theme: str) -> None:
        self.session.set_theme(theme)
        self.theme_combo.set_index(THEMES.index(theme))
        for name, action in self.theme_actions.items():
            action.set_checked(name == theme)
        self.say(f"theme: {theme}")

    # ------------------------------------------------------------------ window
    def build(self) -> Any:
        W = self.W
        top = W.TopLevel(title="pgwidgets gallery", resizable=True)
        top.resize(900, 640)
        top.set_position(12, 12)
        top.on("move", self.report("TopLevel move"))
        main = W.VBox(spacing=0)
        main.add_widget(self.menubar(), 0)
        main.add_widget(self.toolbar(), 0)
        tabs = W.TabWidget()
        self.tabs = tabs
        pages = {
            "Controls": self.controls(),
            "Text": self.text(),
            "Layout": self.layout(),
            "Display": self.display(),
            "Data": self.data(),
            "Windows": self.windows(),
        }
        for title in FAMILIES:
            tabs.add_widget(pages[title], {"title": title})
        tabs.on("page-switch", lambda child, index: self.say(f"tab {FAMILIES[index]}"))
        tabs.on("page-switch", self.load_data)
        main.add_widget(tabs, 1)
        main.add_widget(self.status, 0)
        top.set_widget(main)
        top.show()
        self.top = top
        self.say("Ready: try anything; every callback is reported here.")
        return top

    # ---------------------------------------------------------- menus, toolbar
    def menubar(self) -> Any:
        bar = self.W.MenuBar()
        file_menu = bar.add_name("File")
        for name in ("New", "Open…", "Save"):
            file_menu.add_name(name).on("activated", self.report(f"File › {name}"))
        file_menu.add_separator()
        recent = self.W.Menu()
        for name in ("notes.txt", "data.csv"):
            recent.add_name(name).on("activated", self.report(f"Recent › {name}"))
        file_menu.add_menu("Recent", recent)
        view = bar.add_name("View")
        wrap = view.add_name("Word wrap", True)
        wrap.on("activated", self.report("View › Word wrap"))
        themes = view.add_menu("Theme")
        self.theme_actions = {}
        for theme in THEMES:
            action = themes.add_name(theme.capitalize(), True)
            action.on("activated", lambda *_a, t=theme: self.set_theme(t))
            self.theme_actions[theme] = action
        self.theme_actions["auto"].set_checked(True)
        help_menu = bar.add_name("Help")
        help_menu.add_name("About").on("activated", lambda *_a: self.about.popup())
        return bar

    def toolbar(self) -> Any:
        tb = self.W.ToolBar()
        tb.add_action("Run").on("activated", self.report("ToolBar Run"))
        bold = tb.add_action({"text": "Bold", "toggle": True})
        bold.on("activated", self.report("ToolBar Bold"))
        tb.add_separator()
        left = tb.add_action({"text": "Left", "toggle": True})
        right = self.W.ToolBarAction(text="Right", toggle=True, group=left)
        tb.add_widget(right)
        left.on("activated", self.report("align Left"))
        right.on("activated", self.report("align Right"))
        tb.add_spacer()
        tb.add_widget(self.W.Label("Theme:"))
        combo = self.W.ComboBox()
        for theme in THEMES:
            combo.append_text(theme)
        combo.on("activated", lambda index, text: self.set_theme(THEMES[index]))
        self.theme_combo = combo
        tb.add_widget(combo)
        return tb

    # ---------------------------------------------------------------- families
    def controls(self) -> Any:
        W = self.W
        grid = W.GridBox(rows=6, columns=2)
        grid.set_spacing(8)
        button = W.Button("Button")
        button.on("activated", self.report("Button activated"))
        toggle_a = W.ToggleButton("Toggle A")
        toggle_b = W.ToggleButton("Toggle B", group=toggle_a)
        toggle_a.on("activated", self.report("ToggleButton A"))
        toggle_b.on("activated", self.report("ToggleButton B"))
        radios = []
        first = None
        for name in ("Small", "Medium", "Large"):
            r = W.RadioButton(name, group=first)
            first = first or r
            r.on("activated", self.report(f"RadioButton {name}"))
            radios.append(r)
        radios[1].set_state(True)
        check = W.CheckBox("Check me")
        check.on("activated", self.report("CheckBox"))
        combo = W.ComboBox(editable=True)
        for fruit in ("apple", "banana", "cherry"):
            combo.append_text(fruit)
        combo.on("activated", self.report("ComboBox"))
        progress = W.ProgressBar()
        progress.set_value(0.5)
        progress.resize(200, None)
        slider = W.Slider(min=0, max=100, value=50, show_value=True, track=True)
        slider.resize(200, None)
        spin = W.SpinBox(min=0, max=100, value=50)
        dial = W.Dial(min=0, max=100, value=50, show_value=True)
        dial.resize(90, 110)
        scrollbar = W.ScrollBar(orientation="horizontal")
        scrollbar.resize(200, None)
        scrollbar.set_thumb_percent(0.25)

        def value_changed(source: str) -> Callable[[Any], None]:
            def handler(value: Any) -> None:
                progress.set_value(float(value) / 100)
                for w in (slider, spin, dial):
                    if w is not widgets[source]:
                        w.set_value(value)
                self.say(f"{source} activated({value!r})")

            return handler

        widgets = {"Slider": slider, "SpinBox": spin, "Dial": dial}
        for name, w in widgets.items():
            w.on("activated", value_changed(name))
        scrollbar.on("activated", self.report("ScrollBar"))

        rows = [
            ("Button", button),
            ("ToggleButton", self.row(toggle_a, toggle_b)),
            ("RadioButton", self.row(*radios)),
            ("CheckBox", check),
            ("ComboBox", combo),
            ("Slider", slider),
            ("SpinBox", spin),
            ("Dial", dial),
            ("ScrollBar", scrollbar),
            ("ProgressBar", progress),
        ]
        for i, (name, w) in enumerate(rows):
            grid.add_widget(W.Label(name), i, 0)
            grid.add_widget(w, i, 1)
        # a Timer drives the progress bar while "animate" is on
        timer = W.Timer(duration=0.2, repeat=True)
        animate = W.CheckBox("Animate the progress bar (Timer)")

        def tick(*_a: Any) -> None:
            progress.set_value((progress.get_value() + 0.05) % 1.0001)

        def toggled(state: bool) -> None:
            if state:
                timer.start()
            else:
                timer.stop()
            self.say(f"Timer {'started' if state else 'stopped'}")

        timer.on("expired", tick)
        animate.on("activated", toggled)
        return self.column(grid, animate)

    def text(self) -> Any:
        W = self.W
        label = W.Label("A Label shows <b>text</b> as typed, never as markup.")
        entry = W.TextEntry("", linehistory=10)

        def activated(text: str) -> None:
            label.set_text(text)
            self.say(f"TextEntry activated({text!r})")

        entry.on("activated", activated)
        entry.on("modified", self.report("TextEntry modified"))
        password = W.TextEntry("", password=True)
        password.on("activated", lambda _t: self.say("password entered (not shown)"))
        entry_set = W.TextEntrySet("42", label="Set")
        entry_set.on("activated", self.report("TextEntrySet activated"))
        area = W.TextArea("A TextArea.\nSeveral lines,\nplain text.\n", wrap=True)
        area.resize(None, 110)
        area.on("modified", lambda text: self.say(f"TextArea: {len(text)} characters"))
        html = W.HtmlView(
            "<h3>HtmlView</h3><p>Renders <b>trusted</b> HTML: <i>lists</i>, "
            "<code>code</code> and links.</p><ul><li>one</li><li>two</li></ul>"
        )
        html.resize(None, 120)
        append = W.Button("Append a line to the TextArea")
        append.on("activated", lambda: area.append_text("another line\n"))
        return self.column(
            self.titled("Label", label),
            self.titled("TextEntry (Enter copies it into the Label)", entry),
            self.titled("TextEntry, password", password),
            self.titled("TextEntrySet", entry_set),
            self.titled("TextArea", self.column(area, append, spacing=4)),
            self.titled("HtmlView", html),
        )

    def layout(self) -> Any:
        W = self.W
        # HBox and Separator
        hbox = self.row(
            W.Label("HBox:"),
            W.Button("one"),
            W.Separator("vertical"),
            W.Button("two"),
            W.Button("three"),
        )
        # ButtonBox
        bbox = W.ButtonBox(halign="right")
        for name in ("OK", "Apply", "Cancel"):
            b = W.Button(name)
            b.on("activated", self.report(f"ButtonBox {name}"))
            bbox.add_widget(b, 0)
        # FixedLayout
        fixed = W.FixedLayout()
        fixed.resize(220, 90)
        fixed.add_widget(W.Label("at (10, 10)"), 10, 10)
        fixed.add_widget(W.Button("at (90, 45)"), 90, 45)
        # Splitter
        splitter = W.Splitter(orientation="horizontal")
        splitter.add_widget(self.titled("left pane", W.Label("drag the handle")))
        splitter.add_widget(self.titled("right pane", W.Label("→")))
        splitter.resize(None, 90)
        splitter.on("sizing", self.report("Splitter sizing"))
        # Expander
        expander = W.Expander(title="Expander (click to fold)")
        expander.set_widget(W.Label("Hidden treasure."))
        expander.on("toggled", self.report("Expander toggled"))
        # ScrollArea with more content than fits
        lines = W.VBox(spacing=2)
        for i in range(30):
            lines.add_widget(W.Label(f"ScrollArea line {i + 1}"), 0)
        scroll = W.ScrollArea()
        scroll.set_widget(lines)
        scroll.resize(220, 120)
        scroll.on("scrolled", lambda h, v: self.say(f"ScrollArea scrolled to {v:.0%}"))
        # StackWidget switched by radio buttons
        stack = W.StackWidget()
        pick = []
        group = None
        for i, colour in enumerate(("first", "second", "third")):
            stack.add_widget(W.Label(f"StackWidget page: {colour}"), {"title": colour})
            r = W.RadioButton(colour, group=group)
            group = group or r
            r.on("activated", lambda state, i=i: state and stack.set_index(i))
            pick.append(r)
        pick[0].set_state(True)
        stack.on("page-switch", lambda child, index: self.say(f"StackWidget page {index}"))
        left = self.column(
            self.titled("HBox + Separator", hbox),
            self.titled("ButtonBox", bbox),
            self.titled("FixedLayout", fixed),
            self.titled("Splitter", splitter),
        )
        right = self.column(
            expander,
            self.titled("ScrollArea", scroll),
            self.titled("StackWidget", self.column(self.row(*pick), stack)),
            W.Separator("horizontal"),
            W.Label("(GridBox: see the Controls tab)"),
        )
        both = W.HBox(spacing=8)
        both.add_widget(left, 1)
        both.add_widget(right, 1)
        return both

    def display(self) -> Any:
        W = self.W
        image = W.Image(url=PICTURE, interactive=True, alt="a sun over a green hill")
        image.resize(160, 90)
        image.on("click", lambda ev: self.say(f"Image click at ({ev['x']}, {ev['y']})"))
        swatch = W.Label("   the picked colour   ")
        colour = W.ColorWidget(color="#2f64d6")

        def pick(hexs: str) -> None:
            swatch.set_bg(hexs)
            self.say(f"ColorWidget pick({hexs!r})")

        colour.on("pick", pick)
        swatch.set_bg("#2f64d6")
        return self.column(
            self.titled("Image (interactive: click it)", image),
            self.titled("ColorWidget", self.column(colour, swatch)),
        )

    def load_data(self, child: Any, index: int) -> None:
        """The Data tab's rows, on its first showing (making a million rows takes a second)."""
        if FAMILIES[index] == "Data" and not self.table.get_row_count():
            self.table.set_data(million_rows())

    def data(self) -> Any:
        """A million-row table (sort by a header click, double click a Name to edit) and a
        file-system-like tree; the rows stay in Python, the page holds the ones in view."""
        W = self.W
        table = W.TableView(
            columns=[
                {"label": "#", "key": "id", "type": "int"},
                {"label": "Name", "key": "name", "editable": True},
                {"label": "Size", "key": "size", "type": "int"},
                {"label": "Flag", "key": "flag", "type": "boolean"},
            ],
            selection_mode="multiple",
            sortable=True,
            alternate_row_colors=True,
        )
        self.table = table  # its million rows are made when the tab is first opened
        table.on("sorted", lambda key, asc: self.say(f"TableView sorted({key!r}, {asc})"))
        table.on(
            "cell_edited",
            lambda path, key, old, new: self.say(
                f"TableView cell_edited({path}, {key!r}, {old!r}, {new!r})"
            ),
        )
        table.on("selected", lambda items: self.say(f"TableView selected {len(items)} row(s)"))
        tree = W.TreeView(
            columns=[
                {"label": "Name", "key": "name"},
                {"label": "Kind", "key": "kind"},
                {"label": "Size (KB)", "key": "size", "type": "int"},
            ],
            sortable=True,
        )
        tree.set_tree(
            {
                f"project-{p}": {
                    "__values__": {"kind": "folder"},
                    "src": {f"module_{m}.py": {"kind": "Python", "size": 3 + m} for m in range(12)},
                    "docs": {f"page_{d}.md": {"kind": "Markdown", "size": 1 + d} for d in range(5)},
                    "README.md": {"kind": "Markdown", "size": 2},
                }
                for p in range(40)
            }
        )
        tree.on("expanded", lambda values, path: self.say(f"TreeView expanded {path}"))
        tree.on("activated", lambda values, path, key: self.say(f"TreeView activated {path}"))
        split = W.Splitter(orientation="horizontal")
        split.add_widget(self.titled("TableView: 1,000,000 rows", table))
        split.add_widget(self.titled("TreeView", tree))
        return split

    def windows(self) -> Any:
        W = self.W
        # a plain second window
        other = W.TopLevel(title="Another TopLevel")
        other.resize(300, 140)
        other.set_position(500, 260)
        other.set_widget(
            self.column(W.Label("Drag me by the title bar."), W.Label("Close me with ×."))
        )

        def closed() -> None:
            other.hide()
            self.say("TopLevel closed")

        other.on("close", closed)
        # a Dialog with buttons
        dialog = W.Dialog("A Dialog", [["OK", "ok"], ["Cancel", "cancel"]], modal=True)
        dialog.add_widget(W.Label("Dialogs return the value of the button pressed."), 1)

        def answered(value: Any) -> None:
            dialog.hide()
            self.say(f"Dialog activated({value!r})")

        dialog.on("activated", answered)
        self.about = W.Dialog("About", [["Close", 0]], autoclose=True)
        self.about.add_widget(
            W.Label("pgwidgets gallery: desktop widgets in the browser, driven from Python."), 1
        )
        # the colour and file dialogs
        colour_dialog = W.ColorDialog(color="#58c27d", title="Pick a colour")
        colour_dialog.on("activated", self.report("ColorDialog activated"))
        colour_dialog.on("pick", self.report("ColorDialog pick"))
        files = W.FileDialog(mode="files")
        files.on(
            "activated",
            lambda result: self.say(
                "FileDialog: "
                + ", ".join(f"{f['name']} ({f['size']} bytes)" for f in result["files"])
            ),
        )
        # a full-page Page
        page = W.Page()
        back = W.Button("Back to the gallery")
        page.set_widget(self.column(W.Label("A Page fills the browser page."), back))
        back.on("activated", lambda: page.hide())

        buttons = [
            ("Show another TopLevel", other.show),
            ("Open a modal Dialog", dialog.popup),
            ("Open a ColorDialog", colour_dialog.popup),
            ("Choose files (FileDialog)", files.open),
            ("Show a Page", page.show),
        ]
        col = []
        for text, action in buttons:
            b = W.Button(text)
            b.on("activated", lambda action=action: action())
            col.append(b)
        self.dialog = dialog
        return self.column(*col)


_MILLION: list[list[Any]] = []


def million_rows() -> list[list[Any]]:
    """The Data tab's rows, made once per process (every session shows the same list)."""
    if not _MILLION:
        _MILLION.extend(
            [i, f"item {i}", (i * 7919) % 100_000, i % 3 == 0] for i in range(1_000_000)
        )
    return _MILLION


def build(session: Any) -> Gallery:
    """Build the gallery in ``session`` (the ``on_connect`` handler)."""
    gallery = Gallery(session)
    gallery.build()
    return gallery


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="pgwidgets gallery")
    parser.add_argument("--host", default="127.0.0.1", help="interface to listen on")
    parser.add_argument("--port", type=int, default=9500, help="port (0 picks a free one)")
    args = parser.parse_args(argv)
    app = Application(host=args.host, ws_port=args.port)
    app.on_connect(build)
    app.run()  # prints the URL to open; Ctrl-C or SIGTERM stops it


if __name__ == "__main__":
    main()
