using System.Text.Json.Serialization;

namespace FlexMigrate.Core.Accounts;

/// <summary>One way a target account differs from what the translated source account says it must be.</summary>
/// <param name="Account">The account ('user'@'host').</param>
/// <param name="Kind">"missing-account", "extra-account", "authentication", "tls", "limits", "password", "lock",
/// "missing-grant", "extra-grant", "grant-option", "role", "default-role", "proxy", "partial-revoke".</param>
/// <param name="Detail">What differs, e.g. "SELECT ON `shop`.*" (never a hash).</param>
public sealed record AccountDifference(
    [property: JsonPropertyName("account")] string Account,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("detail")] string Detail);
