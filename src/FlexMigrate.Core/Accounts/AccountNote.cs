using System.Text.Json.Serialization;

namespace FlexMigrate.Core.Accounts;

/// <summary>How much an <see cref="AccountNote"/> matters.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AccountNoteSeverity>))]
public enum AccountNoteSeverity
{
    /// <summary>A translation done by design (e.g. a MariaDB role written as a MySQL role 'r'@'%').</summary>
    Info,

    /// <summary>The account works but differs from the source (e.g. a privilege the target does not grant was left out).</summary>
    Warning,

    /// <summary>The account cannot be migrated as it is (e.g. no login method the target supports); it is not written.</summary>
    Error,
}

/// <summary>
/// One translation or problem for one account, as listed in the precheck and the report. Never contains a password
/// hash. <see cref="Code"/> is stable (the precheck rule id is "accounts." + code).
/// </summary>
public sealed record AccountNote(
    [property: JsonPropertyName("account")] string Account,
    [property: JsonPropertyName("severity")] AccountNoteSeverity Severity,
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("remedy")] string Remedy = "")
{
    public static AccountNote Info(Account account, string code, string message) => new(account.ToString(), AccountNoteSeverity.Info, code, message);

    public static AccountNote Warning(Account account, string code, string message, string remedy = "") =>
        new(account.ToString(), AccountNoteSeverity.Warning, code, message, remedy);

    public static AccountNote Error(Account account, string code, string message, string remedy) =>
        new(account.ToString(), AccountNoteSeverity.Error, code, message, remedy);
}
