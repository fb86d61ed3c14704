using System.Collections.Immutable;

namespace FlexMigrate.Core.Accounts;

/// <summary>
/// The privileges an account holds on one object: object-wide privileges, column privileges (table level only:
/// privilege -> columns) and whether it may pass them on (WITH GRANT OPTION applies to the whole level in MySQL and
/// MariaDB). Privilege names are upper case with single spaces, aliases folded (<see cref="PrivilegeCatalog.Canonical"/>);
/// "ALL PRIVILEGES" stands for every privilege of the level.
/// </summary>
public sealed record PrivilegeGrant(
    GrantObject On,
    ImmutableSortedSet<string> Privileges,
    ImmutableSortedDictionary<string, ImmutableSortedSet<string>> Columns,
    bool GrantOption)
{
    /// <summary>Names the object only, for notes.</summary>
    public override string ToString() => $"privileges on {On}";

    public static PrivilegeGrant Of(GrantObject on, IEnumerable<string> privileges, bool grantOption = false) =>
        new(on, privileges.ToImmutableSortedSet(StringComparer.Ordinal), Empty, grantOption);

    /// <summary>No privilege, no column privilege and no grant option: nothing to write.</summary>
    public bool IsEmpty => Privileges.IsEmpty && Columns.IsEmpty && !GrantOption;

    internal static ImmutableSortedDictionary<string, ImmutableSortedSet<string>> Empty { get; } =
        ImmutableSortedDictionary.Create<string, ImmutableSortedSet<string>>(StringComparer.Ordinal);

    /// <summary>Column names compare case-insensitively (https://dev.mysql.com/doc/refman/8.0/en/identifier-case-sensitivity.html).</summary>
    internal static ImmutableSortedSet<string> ColumnSet(IEnumerable<string> columns) =>
        columns.ToImmutableSortedSet(StringComparer.OrdinalIgnoreCase);
}
