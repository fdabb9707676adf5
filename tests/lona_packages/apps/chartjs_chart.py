"""A lona-chartjs chart whose data the view changes."""

from lona_chartjs import Chart

from lona import App, View
from lona.html import H1, HTML, Button

app = App(__file__)


@app.route("/")
class ChartView(View):
    def handle_request(self, request):
        self.chart = Chart(
            data={
                "type": "line",
                "data": {
                    "labels": ["a", "b"],
                    "datasets": [{"label": "values", "data": [1, 2]}],
                },
                "options": {"animation": False},
            },
            width="400px",
            height="200px",
        )
        return HTML(H1("Chart"), Button("Add", _id="add", handle_click=self.add), self.chart)

    def add(self, input_event):
        data = self.chart.data["data"]
        data["labels"].append(chr(ord("a") + len(data["labels"])))
        data["datasets"][0]["data"].append(len(data["labels"]) * 10)


if __name__ == "__main__":
    app.run()
