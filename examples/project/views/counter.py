from lona import View
from lona.html import H1, HTML, Button, Span


class Counter(View):
    def handle_request(self, request):
        self.count = Span("0", _id="count")
        return HTML(
            H1("Counter"), self.count, Button("+1", _id="increment", handle_click=self.increment)
        )

    def increment(self, input_event):
        self.count.set_text(int(self.count.get_text()) + 1)
