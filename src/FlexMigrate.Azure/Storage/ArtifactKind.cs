namespace FlexMigrate.Azure.Storage;

/// <summary>The reports and snapshots kept per migration in Blob Storage.</summary>
public enum ArtifactKind
{
    /// <summary>precheck-report.json: findings of the precheck.</summary>
    PrecheckReport,

    /// <summary>schema-snapshot.sql: the DDL as migrated to the target.</summary>
    SchemaSnapshot,

    /// <summary>migration-report.json: per table rows, durations, rates, warnings, and the Azure changes made.</summary>
    MigrationReport,

    /// <summary>validation-report.json: checksums and row-count comparison.</summary>
    ValidationReport,
}

/// <summary>Blob names and content types of <see cref="ArtifactKind"/>s.</summary>
public static class ArtifactKinds
{
    /// <summary>The file name inside the migration's folder, e.g. "schema-snapshot.sql".</summary>
    public static string FileName(this ArtifactKind kind) => kind switch
    {
        ArtifactKind.PrecheckReport => "precheck-report.json",
        ArtifactKind.SchemaSnapshot => "schema-snapshot.sql",
        ArtifactKind.MigrationReport => "migration-report.json",
        ArtifactKind.ValidationReport => "validation-report.json",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown artifact kind."),
    };

    public static string ContentType(this ArtifactKind kind) =>
        kind == ArtifactKind.SchemaSnapshot ? "application/sql; charset=utf-8" : "application/json; charset=utf-8";

    /// <summary>The kind whose file name is <paramref name="fileName"/>, or null for other blobs.</summary>
    public static ArtifactKind? FromFileName(string fileName) =>
        Enum.GetValues<ArtifactKind>().Cast<ArtifactKind?>().FirstOrDefault(k => k!.Value.FileName() == fileName);
}
