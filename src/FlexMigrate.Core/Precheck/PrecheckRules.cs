using FlexMigrate.Core.Precheck.Rules.Accounts;
using FlexMigrate.Core.Precheck.Rules.Capacity;
using FlexMigrate.Core.Precheck.Rules.Compatibility;
using FlexMigrate.Core.Precheck.Rules.Connectivity;
using FlexMigrate.Core.Precheck.Rules.Online;
using FlexMigrate.Core.Precheck.Rules.Privileges;

namespace FlexMigrate.Core.Precheck;

/// <summary>Every rule, in report-group order. Add new rules here (and to docs/precheck.md).</summary>
internal static class PrecheckRules
{
    public static IReadOnlyList<IPrecheckRule> All { get; } =
    [
        new MissingDatabaseRule(),
        new VersionRule(),
        new TlsRule(),
        new SourcePrivilegesRule(),
        new TargetPrivilegesRule(),
        new RoutineBodyRule(),
        new LogBinRule(),
        new BinlogFormatRule(),
        new BinlogRowImageRule(),
        new BinlogRowValueOptionsRule(),
        new BinlogRetentionRule(),
        new ReverseReplicationRule(),
        new PrimaryKeyRule(),
        new EngineRule(),
        new DefinerRule(),
        new FunctionCreatorsRule(),
        new CollationRule(),
        new MariaDbFeatureRule(),
        new ZeroDateRule(),
        new LowerCaseTableNamesRule(),
        new InvisiblePrimaryKeyRule(),
        new ReservedWordRule(),
        new MaxAllowedPacketRule(),
        new TimeZoneTablesRule(),
        new ExistingTableRule(),
        new CapacityEstimateRule(),
        new TableCountRule(),
        new TargetStorageRule(),
        new AccountsRule(),
    ];
}
