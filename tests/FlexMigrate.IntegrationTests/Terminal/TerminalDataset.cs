using FlexMigrate.IntegrationTests.Infrastructure;

namespace FlexMigrate.IntegrationTests.Terminal;

/// <summary>
/// A database that shows what a terminal has to cope with: names longer than any column that differ only in the
/// middle (q3/q4) or at the end, a name of double-width characters, a tiny table, and enough rows in small chunks
/// that the copy lasts a few seconds of live progress.
/// </summary>
internal static class TerminalDataset
{
    public static readonly string[] Tables =
    [
        "orders_archive_partition_2023_q3_with_a_really_long_suffix",
        "orders_archive_partition_2023_q4_with_a_really_long_suffix",
        "customer_events_by_region_and_channel_history_0001",
        "customer_events_by_region_and_channel_history_0002",
        "日本語のテーブル名前",
        "small",
    ];

    public static async Task CreateAsync(string db, int rowsPerTable)
    {
        await ServerPair.ResetDatabasesAsync(db);
        var sql = new System.Text.StringBuilder($"CREATE DATABASE `{db}`; USE `{db}`;\n");
        foreach (var table in Tables)
        {
            var rows = table == "small" ? 10 : rowsPerTable;
            sql.Append($"CREATE TABLE `{table}` (id INT NOT NULL PRIMARY KEY, k INT NOT NULL, v VARCHAR(200) NOT NULL, KEY (k));\n");
            sql.Append($"INSERT INTO `{table}` SELECT seq, seq % 1000, REPEAT('v', 150) FROM seq_1_to_{rows};\n");
        }

        await ServerPair.ExecSourceAsync(sql.ToString());
    }
}
