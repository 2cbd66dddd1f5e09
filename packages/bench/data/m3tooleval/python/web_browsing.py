# web_browsing tools (spec 4.5): one fresh browser per interpreter. Loader globals: DATA
# (web_browsing.pages.json), FIXED.

_pages = {page["name"]: page["content"] for page in DATA["pages"]}
_per_view = DATA["lines_per_view"]
# --fixed: the two advertised links whose pages have another name.
_aliases = {"/team/customer_support": "/team/customer-support", "/blog/wand-maintenance": "/blog/wand_maintenance"}


class _Browser:
    def __init__(self, start):
        self.page = start
        self.lines = _pages[start].split("\n")
        self.position = 0
        self.history = []

    def render(self):
        count = len(self.lines)
        paged = count > _per_view
        number = self.position // _per_view + 1 if paged else 1
        total = count // _per_view + 1 if paged else 1
        window = "\n".join(self.lines[self.position : self.position + _per_view])
        return (
            "-" * 10 + "\n" + f"[Web Page Name: {self.page}]\n" + f"[Viewing page {number} of {total}]\n" + "\n"
            + window + "\n" + "-" * 10
        )

    def show(self, name):
        self.page = name
        self.lines = _pages[name].split("\n")
        self.position = 0
        return f"[Opened page: {name}]\n" + self.render()

    def click(self, url):
        url = url.replace("'", "")
        if FIXED:
            url = url.strip().strip('"')
            url = _aliases.get(url, url)
        if url not in _pages:
            return "[URL not found.]"
        self.history.append(self.page)
        return self.show(url)

    def back(self):
        if not self.history:
            return "[No previous page.]"
        return self.show(self.history.pop())

    def down(self):
        if self.position + _per_view < len(self.lines):
            self.position += _per_view
            return self.render()
        return "[Reached the bottom of the page.]\n"

    def up(self):
        if self.position > 0:
            self.position -= _per_view
            return self.render()
        return "[Reached the top of the page.]\n"


_browser = _Browser(DATA["default_page"])


def click_url(url):
    return _browser.click(url)


def go_to_previous_page():
    return _browser.back()


def scroll_down():
    return _browser.down()


def scroll_up():
    return _browser.up()


def view():
    return _browser.render()


def calculator(expression):
    # Any failure, even a non-string argument, is reported as text rather than raised.
    try:
        return eval(expression)
    except BaseException:
        return f"Failed to evaluate expression: {expression}"


TOOLS = {
    "click_url": click_url,
    "go_to_previous_page": go_to_previous_page,
    "scroll_down": scroll_down,
    "scroll_up": scroll_up,
    "view": view,
    "calculator": calculator,
}
