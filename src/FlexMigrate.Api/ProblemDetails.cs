namespace FlexMigrate.Api;

/// <summary>RFC 9457 problem details, with per-field errors for a bad request.</summary>
public sealed record ProblemDetails(string Type, string Title, int Status, string? Detail, IReadOnlyDictionary<string, string>? Errors = null)
{
    public static ProblemDetails BadRequest(IReadOnlyDictionary<string, string> errors) =>
        new("https://www.rfc-editor.org/rfc/rfc9110#section-15.5.1", "The request is not valid.", 400,
            string.Join(" ", errors.Select(e => $"{e.Key}: {e.Value}")), errors);

    public static ProblemDetails NotFound(string detail) =>
        new("https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5", "Not found.", 404, detail);

    public static ProblemDetails MigrationNotFound(string id) => NotFound($"No migration with id '{id}'.");

    public static ProblemDetails ServerError(string detail) =>
        new("https://www.rfc-editor.org/rfc/rfc9110#section-15.6.1", "Internal server error.", 500, detail);

    public static ProblemDetails Conflict(string detail) =>
        new("https://www.rfc-editor.org/rfc/rfc9110#section-15.5.10", "Conflict.", 409, detail);
}
