using FlexMigrate.IntegrationTests.Infrastructure;
using MySqlConnector;

namespace FlexMigrate.IntegrationTests.Crash;

/// <summary>
/// The applications of the crash suite's online runs: a paced stream of small writes (inserts, updates, deletes that
/// cascade) on the <see cref="Online.OnlineWorkload"/> schema through an account WITHOUT SUPER, as applications
/// should be, so the cutover's read_only really stops them (root's writes would pass read_only and land after the
/// drain). Paced so replication keeps up and a lag-triggered cutover starts within seconds. Ends by itself when the
/// source turns read-only.
/// </summary>
internal sealed class AppWorkload(string database, int seed)
{
    private const string User = "crash_app";
    private const string Password = "crash-app";
    private readonly Random _random = new(seed);
    private int _next = 2_000_000;

    public long Operations { get; private set; }

    /// <summary>Creates the account (idempotent) with DML rights on <paramref name="database"/> only.</summary>
    public static Task GrantAsync(string database) => ServerPair.ExecSourceAsync(
        $"CREATE USER IF NOT EXISTS {User}@'127.0.0.1' IDENTIFIED BY '{Password}'; "
        + $"GRANT SELECT, INSERT, UPDATE, DELETE ON `{database}`.* TO {User}@'127.0.0.1'");

    public async Task RunAsync(CancellationToken stop)
    {
        var builder = new MySqlConnectionStringBuilder(ServerPair.SourceConnectionString) { UserID = User, Password = Password, Database = database };
        await using var connection = new MySqlConnection(builder.ConnectionString);
        await connection.OpenAsync(CancellationToken.None);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await OneAsync(connection);
                Operations++;
                await Task.Delay(20, CancellationToken.None);
            }
        }
        catch (MySqlException ex) when (ex.ErrorCode == MySqlErrorCode.OptionPreventsStatement)
        {
            // The cutover made the source read-only: the applications are stopped.
        }
    }

    private async Task OneAsync(MySqlConnection c)
    {
        var n = ++_next;
        switch (_random.Next(6))
        {
            case 0:
                await ExecAsync(c, $"INSERT INTO accounts (email, balance) VALUES ('app{n}@example.com', {_random.Next(1, 10_000)})");
                break;
            case 1:
                await ExecAsync(c, $"UPDATE accounts SET balance = balance + 1 WHERE id = {_random.Next(1, 3000)}");
                break;
            case 2:
                await ExecAsync(c, $"DELETE FROM accounts WHERE id = {_random.Next(1, 3000)}");
                break;
            case 3:
                await ExecAsync(c, $"INSERT INTO parent VALUES ({n}, 'app'); INSERT INTO child VALUES ({n}, {n}, 1); INSERT INTO grandchild VALUES ({n}, {n})");
                break;
            case 4:
                await ExecAsync(c, $"DELETE FROM parent WHERE id = {_random.Next(1, 400)}");
                break;
            default:
                await ExecAsync(c, $"UPDATE child SET v = v + 1 WHERE parent_id = {_random.Next(1, 400)}");
                break;
        }
    }

    private static async Task ExecAsync(MySqlConnection c, string sql)
    {
        await using var command = new MySqlCommand(sql, c);
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }
}
