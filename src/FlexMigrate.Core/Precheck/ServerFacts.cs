using System.Globalization;

namespace FlexMigrate.Core.Precheck;

/// <summary>
/// What the precheck read from one server, once, before any rule runs: rules are plain functions of these facts,
/// which keeps them testable without a server (and lets ARM-sourced parameters stand in for variables).
/// </summary>
/// <param name="Role">"source" or "target".</param>
/// <param name="Endpoint">host:port, never credentials.</param>
/// <param name="Version">Parsed version.</param>
/// <param name="Variables">SHOW GLOBAL VARIABLES (names case-insensitive), completed with externally known parameters.</param>
/// <param name="CurrentUser">CURRENT_USER(): the account the grants belong to, "user@host".</param>
/// <param name="Grants">Grants of the account and its active roles; null when SHOW GRANTS could not be read.</param>
/// <param name="ConnectionEncrypted">This connection uses TLS (Ssl_cipher is set).</param>
/// <param name="Collations">information_schema.COLLATIONS names.</param>
/// <param name="CharacterSets">information_schema.CHARACTER_SETS names.</param>
/// <param name="Accounts">mysql.user accounts as "user@host"; null when not readable by this user.</param>
/// <param name="TimeZoneNames">Rows in mysql.time_zone_name; null when not readable.</param>
/// <param name="ExistingTables">"db.table" of tables and views already in the checked databases.</param>
internal sealed record ServerFacts(
    string Role,
    string Endpoint,
    ServerVersion Version,
    IReadOnlyDictionary<string, string> Variables,
    string CurrentUser,
    GrantSet? Grants,
    bool ConnectionEncrypted,
    IReadOnlySet<string> Collations,
    IReadOnlySet<string> CharacterSets,
    IReadOnlySet<string>? Accounts,
    long? TimeZoneNames,
    IReadOnlySet<string> ExistingTables)
{
    /// <summary>"source 10.0.0.4:3306": the object name of server-level findings.</summary>
    public string Label => $"{Role} {Endpoint}";

    public string? Variable(string name) => Variables.TryGetValue(name, out var v) ? v : null;

    /// <summary>Case-insensitive comparison of a variable with a value; false when the variable is absent.</summary>
    public bool VariableIs(string name, string value) =>
        string.Equals(Variable(name), value, StringComparison.OrdinalIgnoreCase);

    /// <summary>A numeric variable (e.g. "7.000000" for MariaDB's expire_logs_days); null when absent or not a number.</summary>
    public double? NumericVariable(string name) =>
        double.TryParse(Variable(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>0 (names as written, case-sensitive), 1 (stored lower case) or 2 (stored as written, compared lower case).</summary>
    public int LowerCaseTableNames => (int)(NumericVariable("lower_case_table_names") ?? 0);

    /// <summary>Booleans show as ON/OFF, 1/0 or YES/NO depending on version.</summary>
    public bool IsOn(string name) => Variable(name)?.ToUpperInvariant() is "ON" or "1" or "YES" or "TRUE";

    /// <summary>The sql_mode flags, upper case.</summary>
    public IReadOnlySet<string> SqlModes =>
        (Variable("sql_mode") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(m => m.ToUpperInvariant()).ToHashSet();
}
