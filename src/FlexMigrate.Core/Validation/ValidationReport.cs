using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlexMigrate.Core.Validation;

/// <summary>
/// Everything one validation found: per table its status, rows compared and differing keys; schema differences per
/// object. Serialized with <see cref="ToJson"/> for `flexmigrate validate --json` and migration reports.
/// </summary>
/// <param name="Equal">True when every table is equal and the schemas have no difference.</param>
/// <param name="Databases">Databases validated.</param>
/// <param name="RowsCompared">Source rows compared over all tables.</param>
/// <param name="Seconds">Wall time of the whole validation.</param>
/// <param name="Tables">Per-table data results, in database, table order.</param>
/// <param name="Schema">Schema comparison.</param>
public sealed record ValidationReport(
    bool Equal,
    IReadOnlyList<string> Databases,
    long RowsCompared,
    double Seconds,
    IReadOnlyList<TableValidationResult> Tables,
    SchemaComparison Schema)
{
    /// <summary>camelCase names, enums as camelCase strings ("equal", "different", "missing").</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        WriteIndented = true,

        // Keys are shown as SQL-like text ('abc'); a report file is not HTML, so quotes need no escaping.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Users, roles and grants compared (docs/users.md); null when the migration moves no accounts.</summary>
    public Accounts.AccountComparison? Accounts { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static ValidationReport FromJson(string json) =>
        JsonSerializer.Deserialize<ValidationReport>(json, JsonOptions)
        ?? throw new FormatException("The validation report JSON is empty ('null').");

    /// <summary>Builds a report from table results and the schema comparison (pure).</summary>
    public static ValidationReport Create(
        IReadOnlyList<string> databases, IReadOnlyList<TableValidationResult> tables, SchemaComparison schema, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(schema);
        var ordered = tables
            .OrderBy(t => t.Database, StringComparer.Ordinal)
            .ThenBy(t => t.Table, StringComparer.Ordinal)
            .ToList();
        return new ValidationReport(
            ordered.All(t => t.Status == TableStatus.Equal) && schema.IsEqual,
            databases,
            ordered.Sum(t => t.RowsCompared),
            elapsed.TotalSeconds,
            ordered,
            schema);
    }
}
