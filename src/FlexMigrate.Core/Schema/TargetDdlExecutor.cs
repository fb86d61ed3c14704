using MySqlConnector;

namespace FlexMigrate.Core.Schema;

/// <summary>Runs one DDL statement on the target and turns a refusal into an exception naming object, error and fix.</summary>
internal static class TargetDdlExecutor
{
    public static async Task RunAsync(ServerSession target, string what, string objectName, string sql, CancellationToken ct)
    {
        try
        {
            await target.ExecuteAsync(sql, ct);
        }
        catch (MySqlException ex)
        {
            throw Rejected(target, what, objectName, ex);
        }
    }

    public static SchemaMigrationException Rejected(ServerSession target, string what, string objectName, MySqlException ex) =>
        new($"The {target.Describe} rejected {what} for {objectName}: {ex.Message} (error {ex.Number}). {Advice(ex)}",
            objectName, ex.Number, ex);

    // Error numbers: https://mariadb.com/kb/en/mariadb-error-code-reference/ (1227 specific access denied,
    // 1418/1419 routine creation with binary logging on).
    private static string Advice(MySqlException ex) => ex.ErrorCode switch
    {
        MySqlErrorCode.UnknownCollation or MySqlErrorCode.UnknownCharacterSet =>
            "The target does not support this character set or collation: change it on the source, or create the "
            + "object on the target by hand, then rerun.",
        MySqlErrorCode.UnknownStorageEngine =>
            "The target does not have this storage engine: rerun without --keep-engines so the table becomes InnoDB.",
        (MySqlErrorCode)1227 or MySqlErrorCode.DatabaseAccessDenied or MySqlErrorCode.TableAccessDenied
            or MySqlErrorCode.AccessDenied =>
            "The migration user lacks a privilege on the target: grant it (CREATE, ALTER, INDEX, REFERENCES, CREATE VIEW, "
            + "CREATE ROUTINE, TRIGGER, EVENT) or, for a DEFINER, run without --keep-definers.",
        (MySqlErrorCode)1418 or (MySqlErrorCode)1419 =>
            "The target has binary logging on: set the server parameter log_bin_trust_function_creators=ON, then rerun.",
        MySqlErrorCode.TooBigRowSize =>
            "The row is too large for the target's InnoDB page: change the table's ROW_FORMAT to DYNAMIC on the source "
            + "or move long columns to TEXT/BLOB, then rerun.",
        _ => "Fix or exclude the object on the source (or create it on the target by hand), then rerun: objects already "
            + "created are skipped.",
    };
}
