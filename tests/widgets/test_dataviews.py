"""TreeView and TableView in headless Chromium, through the public Python API.

What a person sees (cells by their text, ARIA state), what they do (mouse, keyboard,
clipboard) and what Python gets (callbacks, getters answered from Python state). The rows
stay in Python: these tests also check the page holds only the rows in view.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from tests.gui_helpers import Gui, call, probe, round_trip

MILLION = 1_000_000
COLS = [
    {"label": "N", "key": "n", "type": "int"},
    {"label": "Name", "key": "name", "editable": True},
]


def cell(page: Any, text: str) -> Any:
    return page.get_by_role("gridcell", name=text, exact=True)


def view_state(page: Any) -> dict[str, Any]:
    """What the page holds: rows drawn, rows cached, DOM size, the first row in view."""
    return page.evaluate(
        """() => {
        const el = document.querySelector('.pgw-data-view');
        const w = el.__pgw;
        const rows = [...el.querySelectorAll('.pgw-dv-layer > .pgw-dv-row:not([hidden])')];
        return {rows: rows.length, cached: w.cache.size, first: Math.floor(w.y / w.rowH),
                dom: document.getElementsByTagName('*').length,
                rowcount: el.getAttribute('aria-rowcount')};
    }"""
    )


# ------------------------------------------------------------------ a million rows
def test_a_million_rows_scroll_to_the_middle_both_apis(any_gui: Any) -> None:
    g = any_gui
    rows = [(i, f"row {i}") for i in range(MILLION)]

    def build() -> Any:
        t = g.W.TableView(columns=COLS)
        t.set_data(rows)
        return t

    t = call(g, build)
    g.show(t, width=520, height=420)
    page = g.page
    expect(cell(page, "row 0")).to_be_visible()
    state = view_state(page)
    assert state["rowcount"] == str(MILLION + 1)
    assert state["cached"] < 200 and state["dom"] < 3000

    call(g, lambda: t.scroll_to_path([MILLION // 2]))
    expect(cell(page, f"row {MILLION // 2}")).to_be_visible()
    expect(cell(page, "row 0")).to_have_count(0)
    row = page.get_by_role("row").filter(has=cell(page, f"row {MILLION // 2}"))
    expect(row).to_have_attribute("aria-rowindex", str(MILLION // 2 + 2))

    # the scroll bar to the middle (scaled: 24 M px of rows in an 8 M px canvas)
    page.evaluate(
        "() => { const b = document.querySelector('.pgw-dv-body');"
        " b.scrollTop = (b.scrollHeight - b.clientHeight) / 2; }"
    )
    page.wait_for_function(
        "() => { const w = document.querySelector('.pgw-data-view').__pgw;"
        " const i = Math.floor(w.y / w.rowH); return Math.abs(i - 499990) < 20 && w.cache.has(i); }"
    )
    first = view_state(page)["first"]
    expect(cell(page, f"row {first}")).to_be_visible()
    expect(cell(page, f"row {first + 5}")).to_be_visible()

    # the end, by the keyboard
    cell(page, f"row {first + 2}").click()
    page.keyboard.press("Control+End")
    expect(cell(page, f"row {MILLION - 1}")).to_be_visible()
    assert view_state(page)["dom"] < 3000
    assert call(g, lambda: t.get_selected()) == [
        {"path": [str(MILLION - 1)], "values": {"n": MILLION - 1, "name": f"row {MILLION - 1}"}}
    ]
    # leave before the application (and its million rows) is torn down: the page would
    # log its reconnect attempts meanwhile
    page.goto("about:blank")


def test_keyboard_selection_across_the_window_boundary(gui: Any) -> None:
    t = gui.W.TableView(columns=COLS, selection_mode="multiple")
    t.set_data([{"n": i, "name": f"row {i}"} for i in range(10_000)])
    t.on("selected", gui.record("selected"))
    gui.show(t, width=520, height=320)
    page = gui.page
    cell(page, "row 3").click()
    assert gui.next_event()[1][0][0]["path"] == ["3"]
    for _ in range(30):  # far beyond the rows the page was first sent
        page.keyboard.press("Shift+PageDown")
    expect(page.locator(".pgw-dv-cursor")).to_be_visible()
    items = [gui.next_event()[1][0] for _ in range(30)][-1]
    assert len(items) > 200
    last = int(items[-1]["path"][0])
    assert [int(i["path"][0]) for i in items] == list(range(3, last + 1))
    row = page.get_by_role("row").filter(has=cell(page, f"row {last}"))
    expect(row).to_have_attribute("aria-selected", "true")
    expect(page.get_by_role("row").filter(has=cell(page, f"row {last - 1}"))).to_have_attribute(
        "aria-selected", "true"
    )
    assert len(t.get_selected()) == last - 2
    # a plain arrow key collapses the selection onto the new cursor row
    page.keyboard.press("ArrowDown")
    assert [i["path"] for i in gui.next_event()[1][0]] == [[str(last + 1)]]
    expect(page.get_by_role("row").filter(has=cell(page, f"row {last}"))).to_have_attribute(
        "aria-selected", "false"
    )


# ------------------------------------------------------------------------ editing
def test_editing_reports_old_and_new_both_apis(any_gui: Any) -> None:
    g = any_gui
    data = [{"n": i, "name": f"row {i}"} for i in range(100)]

    def build() -> tuple[Any, Any]:
        t = g.W.TableView(
            columns=[*COLS, {"label": "Count", "key": "c", "type": "int", "editable": True}]
        )
        t.set_data(data)
        t.on("cell_edited", g.record("edited"))
        t.on("activated", g.record("activated"))
        return t, probe(g)

    t, p = call(g, build)
    g.show(t, p, width=520, height=320)
    page = g.page
    cell(page, "row 4").dblclick()
    editor = page.get_by_role("textbox", name="Edit Name")
    expect(editor).to_have_value("row 4")
    editor.fill("four")
    editor.press("Enter")
    assert g.next_event() == ("edited", (["4"], "name", "row 4", "four"))
    expect(cell(page, "four")).to_be_visible()
    assert data[4]["name"] == "four"
    # F2 on the cursor cell; Escape cancels
    page.keyboard.press("F2")
    page.get_by_role("textbox", name="Edit Name").press("Escape")
    expect(page.get_by_role("textbox")).to_have_count(0)
    # a typed number is converted by column type; a bad one is refused and reverted
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    page.get_by_role("textbox", name="Edit Count").fill("17")
    page.keyboard.press("Enter")
    assert g.next_event() == ("edited", (["4"], "c", None, 17))
    page.keyboard.press("F2")
    page.get_by_role("textbox", name="Edit Count").fill("many")
    page.keyboard.press("Enter")
    expect(cell(page, "17")).to_be_visible()
    # Enter on a cell that is not editable activates the row
    page.keyboard.press("Home")
    page.keyboard.press("Enter")
    assert g.next_event() == ("activated", ({"n": 4, "name": "four", "c": 17}, ["4"], "n"))
    round_trip(g)
    g.assert_no_event()


def test_cell_widgets(gui: Any) -> None:
    t = gui.W.TableView(
        columns=[
            {"label": "Name", "key": "name"},
            {"label": "Done", "key": "done", "widget": "checkbox"},
            {"label": "Level", "key": "level", "widget": "combobox", "choices": ["low", "high"]},
            {"label": "Progress", "key": "pct", "widget": "progress"},
            {"label": "Go", "key": "go", "widget": "button"},
        ]
    )
    rows = [{"name": "job", "done": False, "level": "low", "pct": 40, "go": "Run"}]
    t.set_data(rows)
    t.on("cell_edited", gui.record("edited"))
    t.on("cell_action", gui.record("action"))
    gui.show(t, width=600, height=200)
    page = gui.page
    page.get_by_role("checkbox", name="Done").click()
    assert gui.next_event() == ("edited", (["0"], "done", False, True))
    expect(page.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "40")
    page.get_by_role("button", name="Run").click()
    assert gui.next_event() == (
        "action",
        (["0"], {"name": "job", "done": True, "level": "low", "pct": 40, "go": "Run"}, "go"),
    )
    cell(page, "low").dblclick()
    page.get_by_role("combobox", name="Edit Level").select_option("high")
    page.keyboard.press("Enter")
    assert gui.next_event() == ("edited", (["0"], "level", "low", "high"))
    assert rows[0]["level"] == "high"
    t.set_cell([0], "pct", 90)
    expect(page.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "90")


# ------------------------------------------------------------------------ sorting
def test_header_sort_keeps_paths_valid(gui: Any) -> None:
    t = gui.W.TableView(columns=COLS, sortable=True)
    t.set_data([{"n": i, "name": f"row {i}"} for i in range(1000)])
    t.on("sorted", gui.record("sorted"))
    t.on("selected", gui.record("selected"))
    gui.show(t, width=520, height=320)
    page = gui.page
    head = page.get_by_role("columnheader", name="N", exact=True)
    head.click()
    assert gui.next_event() == ("sorted", ("n", True))
    expect(head).to_have_attribute("aria-sort", "ascending")
    head.click()
    assert gui.next_event() == ("sorted", ("n", False))
    expect(head).to_have_attribute("aria-sort", "descending")
    first = page.get_by_role("row").nth(1)
    expect(first).to_have_attribute("aria-rowindex", "2")
    expect(first.get_by_role("gridcell").nth(1)).to_have_text("row 999")
    cell(page, "row 998").click()
    assert gui.next_event() == (
        "selected",
        ([{"path": ["998"], "values": {"n": 998, "name": "row 998"}}],),
    )
    # paths name rows, not positions: set_cell on path 998 changes the second row shown
    t.set_cell(["998"], "name", "changed")
    expect(page.get_by_role("row").nth(2).get_by_role("gridcell").nth(1)).to_have_text("changed")
    t.sort_by_column("name", True)
    assert t.get_selected()[0]["path"] == ["998"]


# ------------------------------------------------------------------------- trees
def file_tree() -> dict[str, Any]:
    return {
        "Documents": {
            "report.pdf": {"TYPE": "PDF", "SIZE": 2400},
            "notes.txt": {"TYPE": "Text", "SIZE": 12},
            "Slides": {"deck.key": {"TYPE": "Keynote", "SIZE": 8300}},
        },
        "Pictures": {"__values__": {"TYPE": "Folder"}, "photo.jpg": {"TYPE": "JPEG", "SIZE": 3200}},
        "Empty": {},
    }


TREE_COLS = [
    {"label": "Name", "key": "NAME", "type": "string"},
    {"label": "Type", "key": "TYPE", "type": "string"},
    {"label": "Size", "key": "SIZE", "type": "integer"},
]


def test_tree_expand_collapse_and_aria_both_apis(any_gui: Any) -> None:
    g = any_gui

    def build() -> Any:
        tree = g.W.TreeView(columns=TREE_COLS, selection_mode="multiple", sortable=True)
        tree.set_tree(file_tree())
        tree.on("expanded", g.record("expanded"))
        tree.on("collapsed", g.record("collapsed"))
        return tree

    tree = call(g, build)
    g.show(tree, width=520, height=360)
    page = g.page
    grid = page.get_by_role("treegrid")
    expect(grid).to_have_attribute("aria-rowcount", "4")
    docs = page.get_by_role("row").filter(has=cell(page, "Documents"))
    expect(docs).to_have_attribute("aria-expanded", "false")
    expect(docs).to_have_attribute("aria-level", "1")
    docs.locator(".pgw-dv-twisty").click()
    assert g.next_event() == ("expanded", ({"NAME": "Documents"}, ["Documents"]))
    expect(docs).to_have_attribute("aria-expanded", "true")
    pdf = page.get_by_role("row").filter(has=cell(page, "report.pdf"))
    expect(pdf).to_have_attribute("aria-level", "2")
    expect(pdf).not_to_have_attribute("aria-expanded", "")
    # keyboard: Left collapses the folder under the cursor, Right opens it
    cell(page, "Documents").click()
    page.keyboard.press("ArrowLeft")
    assert g.next_event() == ("collapsed", ({"NAME": "Documents"}, ["Documents"]))
    expect(cell(page, "report.pdf")).to_have_count(0)
    page.keyboard.press("ArrowRight")
    assert g.next_event()[0] == "expanded"
    call(g, lambda: tree.expand_all())
    expect(grid).to_have_attribute("aria-rowcount", str(1 + 8))
    assert call(g, lambda: tree.get_collapsed()) == []
    # a folder with own values shows them; the empty folder is an interior with no rows
    pics = page.get_by_role("row").filter(has=cell(page, "Pictures"))
    expect(pics.get_by_role("gridcell").nth(1)).to_have_text("Folder")
    # absent cells are covered by the cell before them
    expect(docs.get_by_role("gridcell")).to_have_count(1)
    call(g, lambda: tree.collapse_all())
    expect(grid).to_have_attribute("aria-rowcount", "4")


def test_a_reload_restores_everything(gui: Any) -> None:
    tree = gui.W.TreeView(columns=TREE_COLS, selection_mode="multiple", sortable=True)
    tree.set_tree(file_tree())
    tree.on("sorted", gui.record("sorted"))
    gui.show(tree, probe(gui), width=560, height=400)
    page = gui.page
    tree.expand_item(["Documents"])
    # a column resized by dragging its header grip
    grip = page.get_by_role("columnheader", name="Type").locator(".pgw-dv-grip")
    box = grip.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + 3, box["y"] + 5)
    page.mouse.down()
    page.mouse.move(box["x"] + 83, box["y"] + 5, steps=4)
    page.mouse.up()
    page.get_by_role("columnheader", name="Size").click()  # sort by size
    assert gui.next_event() == ("sorted", ("SIZE", True))
    cell(page, "notes.txt").click()
    cell(page, "Pictures").click(modifiers=["Control"])
    tree.set_row_color(["Documents", "notes.txt"], "rgb(200, 0, 0)", None, True)
    tree.set_column_color("SIZE", None, "rgb(0, 0, 90)", None)
    round_trip(gui)  # the drag's report has arrived
    assert tree.get_column_widths() == {"NAME": None, "TYPE": 200, "SIZE": None}
    selected = [i["path"] for i in tree.get_selected()]
    assert selected == [["Documents", "notes.txt"], ["Pictures"]]

    gui.reload()
    expect(page.get_by_role("columnheader", name="Size")).to_have_attribute(
        "aria-sort", "ascending"
    )
    header = page.get_by_role("columnheader", name="Type")
    expect(header).to_have_js_property("offsetWidth", 200)
    notes = page.get_by_role("row").filter(has=cell(page, "notes.txt"))
    expect(notes).to_have_attribute("aria-selected", "true")
    expect(page.get_by_role("row").filter(has=cell(page, "Pictures"))).to_have_attribute(
        "aria-selected", "true"
    )
    expect(page.get_by_role("row").filter(has=cell(page, "Documents"))).to_have_attribute(
        "aria-expanded", "true"
    )
    expect(cell(page, "notes.txt")).to_have_css("color", "rgb(200, 0, 0)")
    expect(cell(page, "notes.txt")).to_have_css("font-weight", "700")
    expect(notes.get_by_role("gridcell").nth(2)).to_have_css("background-color", "rgb(0, 0, 90)")
    # sorted by size: the smallest file of Documents comes first
    rows = page.get_by_role("row")
    expect(rows.nth(2).get_by_role("gridcell").first).to_have_text("notes.txt")


def test_reload_restores_scroll_position_and_sends_only_rows_in_view(gui: Any) -> None:
    t = gui.W.TableView(columns=COLS)
    t.set_data([(i, f"row {i}") for i in range(200_000)])
    gui.show(t, width=520, height=320)
    page = gui.page
    t.scroll_to_path([150_000])
    expect(cell(page, "row 150000")).to_be_visible()
    gui.reload()
    expect(cell(page, "row 150000")).to_be_visible()
    assert view_state(page)["cached"] < 200


# ---------------------------------------------------------------------- clipboard
def test_copy_and_paste_tsv_round_trip(sync_app: Any, page_factory: Any) -> None:
    page = page_factory(permissions=["clipboard-read", "clipboard-write"])
    gui = Gui(sync_app(), page)
    data = [{"n": i, "name": f"row {i}"} for i in range(20)]
    cols = [{**c, "editable": True} for c in COLS]
    t = gui.W.TableView(columns=cols, selection_mode="multiple-cell")
    t.set_data(data)
    for action in ("copy", "paste", "cell_edited", "cell_selected"):
        t.on(action, gui.record(action))
    gui.show(t, width=520, height=360)
    cell(page, "row 1").click()
    assert gui.next_event()[0] == "cell_selected"
    page.get_by_role("row").filter(has=cell(page, "row 2")).get_by_role("gridcell").first.click(
        modifiers=["Shift"]
    )
    cells = gui.next_event()[1][0]
    assert {(c["path"][0], c["col_key"]) for c in cells} == {
        ("1", "n"),
        ("1", "name"),
        ("2", "n"),
        ("2", "name"),
    }
    page.keyboard.press("Control+c")
    assert gui.next_event() == ("copy", ("1\trow 1\n2\trow 2\n",))
    page.wait_for_function(
        "async () => (await navigator.clipboard.readText()) === '1\\trow 1\\n2\\trow 2\\n'"
    )
    page.get_by_role("row").filter(has=cell(page, "row 5")).get_by_role("gridcell").first.click()
    assert gui.next_event()[0] == "cell_selected"
    page.keyboard.press("Control+v")
    assert gui.next_event() == ("paste", ("1\trow 1\n2\trow 2\n",))
    edits = [gui.next_event() for _ in range(4)]
    assert ("cell_edited", (["5"], "n", 5, 1)) in edits
    assert ("cell_edited", (["6"], "name", "row 6", "row 2")) in edits
    assert data[5] == {"n": 1, "name": "row 1"} and data[6] == {"n": 2, "name": "row 2"}
    expect(page.get_by_role("row").nth(6).get_by_role("gridcell").nth(1)).to_have_text("row 1")
    # copy_selection() from Python answers the selection (now the pasted-over cell)
    assert t.copy_selection() == "1\n"


# --------------------------------------------------------- the reference's demo
def test_a_program_written_like_the_reference_demo(gui: Any) -> None:
    """The calls of the reference's demo_treeview.py, as it makes them."""
    W = gui.W
    status = W.Label("Select an item.")
    tree = W.TreeView(
        columns=TREE_COLS,
        selection_mode="multiple",
        alternate_row_colors=True,
        sortable=True,
    )
    tree.set_tree(file_tree())
    tree.on(
        "selected",
        lambda items: status.set_text(
            f"Selected: {items[0]['path']}" if len(items) == 1 else f"Selected: {len(items)} items"
        ),
    )
    expand = W.Button("Expand All")
    expand.on("activated", lambda: tree.expand_all())
    gui.show(tree, expand, status, width=520, height=420)
    page = gui.page
    page.get_by_role("button", name="Expand All").click()
    expect(cell(page, "deck.key")).to_be_visible()
    cell(page, "notes.txt").click()
    expect(page.get_by_text("Selected: ['Documents', 'notes.txt']")).to_be_visible()
    cell(page, "photo.jpg").click(modifiers=["Shift"])
    expect(page.get_by_text("Selected: 5 items")).to_be_visible()
