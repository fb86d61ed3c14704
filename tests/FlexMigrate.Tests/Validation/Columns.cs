using FlexMigrate.Core.Validation;

namespace FlexMigrate.Tests.Validation;

/// <summary>Column descriptions as information_schema reports them, for the pure validation tests.</summary>
internal static class Columns
{
    public static ValidatedColumn Int(string name, bool unsigned = false) =>
        new(name, "int", unsigned ? "int(10) unsigned" : "int(11)", null, null, 10, 0, null);

    public static ValidatedColumn Varchar(string name, string charset = "utf8mb4", string collation = "utf8mb4_general_ci") =>
        new(name, "varchar", "varchar(20)", charset, collation, null, null, null);

    public static ValidatedColumn Of(string name, string dataType, string columnType) =>
        new(name, dataType, columnType, null, null, null, null, null);
}
