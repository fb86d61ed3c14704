namespace FlexMigrate.Core.Schema;

/// <summary>Choices that change the DDL written to the target.</summary>
/// <param name="KeepEngines">Keep non-InnoDB engines (MyISAM, Aria, ...) instead of converting them to InnoDB.
/// Flexible Server supports only InnoDB, so the default converts and lists each converted table.</param>
/// <param name="KeepDefiners">Keep each view/routine/trigger/event DEFINER instead of rewriting it to the migration
/// user. Needs SUPER or SET_USER_ID on the target, which Flexible Server does not grant.</param>
public sealed record SchemaOptions(bool KeepEngines = false, bool KeepDefiners = false)
{
    /// <summary>The defaults: convert engines to InnoDB, rewrite definers.</summary>
    public static SchemaOptions Default { get; } = new();
}
