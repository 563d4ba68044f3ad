from django.urls import reverse


def dashboard_url(**params: str) -> str:
    from urllib.parse import urlencode

    return f"{reverse('reports:dashboard')}?{urlencode(params)}"


def figures_of(response) -> dict:
    return {figure.key: figure for figure in response.context["figures"]}


def rows_of(response, key: str) -> list[list[str]]:
    return figures_of(response)[key].table.rows
