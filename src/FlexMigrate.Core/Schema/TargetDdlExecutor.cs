using FlexMigrate.Core.Sql;
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
            throw Rejected(target.Describe, what, objectName, ex.Number, ex.Message, ex);
        }
    }

    /// <summary>Runs a statement kept as its source bytes under its session (<see cref="RawSqlSession"/>).</summary>
    public static async Task<StatementOutcome> RunAsync(
        RawSqlSession target, string what, string objectName, StatementBytes statement, SessionState state, string database, CancellationToken ct)
    {
        try
        {
            return await target.ExecuteAsync(statement, state, database, ct);
        }
        catch (RawSqlException ex)
        {
            throw Rejected(target.Describe, what, objectName, ex.Number, ex.ServerMessage, ex);
        }
    }

    public static SchemaMigrationException Rejected(string target, string what, string objectName, int number, string message, Exception inner) =>
        new($"The {target} rejected {what} for {objectName}: {message} (error {number}). {Advice(number)}", objectName, number, inner);

    // Error numbers: https://mariadb.com/kb/en/mariadb-error-code-reference/ and
    // https://dev.mysql.com/doc/mysql-errors/8.0/en/server-error-reference.html (1227 specific access denied,
    // 1418/1419 routine creation with binary logging on, 3161 storage engine disabled, 3750 table needs a primary key).
    private static string Advice(int number) => (MySqlErrorCode)number switch
    {
        MySqlErrorCode.UnknownCollation or MySqlErrorCode.UnknownCharacterSet =>
            "The target does not support this character set or collation: change it on the source, or create the "
            + "object on the target by hand, then rerun.",
        (MySqlErrorCode)3750 =>
            "The target requires a primary key on every table (sql_require_primary_key=ON): set that server parameter "
            + "to OFF for the migration, or add a primary key on the source, then rerun.",
        MySqlErrorCode.UnknownStorageEngine or (MySqlErrorCode)3161 =>
            "The target does not have (or disables) this storage engine: rerun without --keep-engines so the table becomes InnoDB.",
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
