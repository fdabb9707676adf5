from lona import JsonResponse, View


class Status(View):
    def handle_request(self, request):
        return JsonResponse({"status": "ok"})
