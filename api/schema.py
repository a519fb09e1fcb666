from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.ApiTokenAuthentication"
    name = "ApiToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Send `Authorization: Token mut_…`. Create tokens at /api/tokens/; each acts as one role.",
        }


ERROR_RESPONSES = {
    "400": "The request was refused; each message says why in plain English.",
    "401": "No valid API token was sent.",
    "403": "The token's role may not do this.",
    "404": "Not found, or not visible to the token's role.",
}
EDIT_CONFLICT = "Someone else changed this record since it was read; read it again and retry."


def document_refusals(result, generator, request, public):
    """Post-processing hook: every operation documents the refusals the API can
    give (see api.exceptions), each a JSON object of plain-English messages."""
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Refusal"] = {
        "type": "object",
        "description": "`detail` for a refusal of the whole request, or a list of messages per field.",
        "additionalProperties": True,
        "properties": {"detail": {"type": "string"}},
    }
    body = {"application/json": {"schema": {"$ref": "#/components/schemas/Refusal"}}}
    for path in result.get("paths", {}).values():
        for method, operation in path.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            for code, text in ERROR_RESPONSES.items():
                responses.setdefault(code, {"description": text, "content": body})
            if method in {"put", "patch", "delete"}:
                responses.setdefault("409", {"description": EDIT_CONFLICT, "content": body})
    return result
