"""lona-picocss's modal, inputs and progress bar, as its users write them."""

from lona_picocss import install_picocss
from lona_picocss.html import (
    H1,
    HTML,
    Button,
    InlineButton,
    Modal,
    P,
    Pre,
    Progress,
    Switch,
    TextArea,
    TextInput,
)

from lona import App, View

app = App(__file__)
install_picocss(app)


@app.route("/")
class Components(View):
    def handle_request(self, request):
        self.modal = Modal()
        self.modal.get_body().nodes = [P("Inside the modal", _id="modal-text")]
        self.modal.get_footer().nodes = [
            InlineButton("Done", _id="done", handle_click=lambda event: self.modal.close())
        ]
        self.name = TextInput(_id="name", handle_change=self.show_values)
        self.notes = TextArea(_id="notes", handle_change=self.show_values)
        self.switch = Switch(_id="switch", handle_change=self.show_values)
        self.progress = Progress(value=0)
        self.values = Pre("", _id="values")
        return HTML(
            H1("Components"),
            InlineButton("Open", _id="open", handle_click=lambda event: self.modal.open()),
            self.modal,
            self.name,
            self.notes,
            self.switch,
            Button("Step", _id="step", handle_click=self.step),
            self.progress,
            self.values,
        )

    def show_values(self, input_event):
        self.values.set_text(
            f"name={self.name.value} notes={self.notes.value} switch={self.switch.value}"
        )

    def step(self, input_event):
        self.progress.value = (self.progress.value or 0) + 25


if __name__ == "__main__":
    app.run()
