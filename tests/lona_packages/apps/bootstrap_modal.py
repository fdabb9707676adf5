"""lona-bootstrap-5's modal, as its README shows it (Lona's default frontend)."""

from lona_bootstrap_5 import Modal, PrimaryButton

from lona import App, View
from lona.html import H1, HTML

app = App(__file__)


@app.route("/")
class ModalView(View):
    def handle_request(self, request):
        self.modal = Modal()
        self.modal.set_title("Bootstrap modal")
        self.modal.set_body("Lorem Ipsum")
        self.modal.set_buttons(PrimaryButton("Close", _id="close", handle_click=self.close))
        return HTML(
            H1("Bootstrap"),
            PrimaryButton("Open Modal", _id="open", handle_click=self.open),
            self.modal,
        )

    def open(self, input_event):
        self.modal.show()

    def close(self, input_event):
        self.modal.hide()


if __name__ == "__main__":
    app.run()
