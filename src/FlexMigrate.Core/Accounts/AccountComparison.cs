using System.Text.Json.Serialization;

namespace FlexMigrate.Core.Accounts;

/// <summary>The accounts part of a validation: every selected account compared after the documented translations.</summary>
/// <param name="Equal">No difference.</param>
/// <param name="Compared">Accounts compared.</param>
/// <param name="Differences">Each missing or extra account, grant, role, proxy or differing attribute.</param>
public sealed record AccountComparison(
    [property: JsonPropertyName("equal")] bool Equal,
    [property: JsonPropertyName("compared")] int Compared,
    [property: JsonPropertyName("differences")] IReadOnlyList<AccountDifference> Differences);
