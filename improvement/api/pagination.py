"""Pages of rows: ?page=2, and ?page_size= up to 200 (API_PAGE_SIZE by default)."""

from rest_framework.pagination import PageNumberPagination


class Pages(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
                parameter["description"] = f"How many records a page, up to {self.max_page_size}."
            else:
                parameter["description"] = "Which page, from 1."
        return parameters
