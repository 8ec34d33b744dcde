"""The API's lists come page by page, 50 to a page."""

from rest_framework import pagination
from rest_framework.exceptions import NotFound


class PageNumberPagination(pagination.PageNumberPagination):
    """DRF's pages, where `?page=` without a number is no page (404), as a page that does
    not exist, instead of the first one."""

    def get_page_number(self, request, paginator):
        if request.query_params.getlist(self.page_query_param)[-1:] == [""]:
            raise NotFound(self.invalid_page_message)
        return super().get_page_number(request, paginator)
