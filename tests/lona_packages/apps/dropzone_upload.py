"""A lona-dropzone dropzone: dropped files arrive in the view's bucket."""

from lona_dropzone import Dropzone

from lona import App, View
from lona.html import H1, HTML, Li, Ul

app = App(__file__)


@app.route("/")
class Upload(View):
    def handle_request(self, request):
        self.files = Ul(_id="files")
        self.dropzone = Dropzone(request, on_add=self.added)
        return HTML(H1("Upload"), self.dropzone, self.files)

    def added(self, names):
        for name in names:
            with open(self.dropzone.bucket.get_path(name)) as file:
                self.files.append(Li(f"{name}: {file.read()}"))
        self.show()


if __name__ == "__main__":
    app.run()
