using FlexMigrate.Core.Replication;
using FlexMigrate.IntegrationTests.Infrastructure;
using MySqlConnector;

namespace FlexMigrate.IntegrationTests.Replication;

/// <summary>ON DELETE CASCADE / SET NULL: the source's InnoDB cascades, the target's emulator must leave the same rows.</summary>
public sealed class CascadeDeleteTests
{
    [Fact]
    public async Task Two_level_delete_cascade_removes_children_and_grandchildren()
    {
        const string db = "fm_cascade_twolevel";
        var pair = new CascadeHarness(db);
        await pair.CreateAsync($"""
            CREATE DATABASE {db};
            CREATE TABLE {db}.parent (id INT PRIMARY KEY, name VARCHAR(20));
            CREATE TABLE {db}.child (id INT PRIMARY KEY, parent_id INT NOT NULL,
              FOREIGN KEY (parent_id) REFERENCES {db}.parent (id) ON DELETE CASCADE);
            CREATE TABLE {db}.grandchild (id INT PRIMARY KEY, child_id INT,
              FOREIGN KEY (child_id) REFERENCES {db}.child (id) ON DELETE CASCADE);
            INSERT INTO {db}.parent VALUES (1, 'one'), (2, 'two');
            INSERT INTO {db}.child VALUES (10, 1), (11, 1), (12, 2);
            INSERT INTO {db}.grandchild VALUES (100, 10), (101, 11), (102, 12), (103, 10), (104, NULL);
            """);

        var affected = await pair.DeleteAsync(db, "parent", "id = 1");

        Assert.Equal(5, affected);
        Assert.Equal("child: 12|2", await CascadeHarness.SourceRowsAsync(db, "child"));
        Assert.Equal("grandchild: 102|12; 104|NULL", await CascadeHarness.SourceRowsAsync(db, "grandchild"));
    }

    [Fact]
    public async Task Set_null_clears_the_key_and_cascades_the_change_to_rows_referencing_that_column()
    {
        const string db = "fm_cascade_setnull";
        var pair = new CascadeHarness(db);
        await pair.CreateAsync($"""
            CREATE DATABASE {db};
            CREATE TABLE {db}.team (code CHAR(3) PRIMARY KEY);
            CREATE TABLE {db}.player (id INT PRIMARY KEY, team_code CHAR(3), UNIQUE KEY (team_code, id),
              FOREIGN KEY (team_code) REFERENCES {db}.team (code) ON DELETE SET NULL);
            CREATE TABLE {db}.contract (id INT PRIMARY KEY, team_code CHAR(3), player_id INT,
              FOREIGN KEY (team_code, player_id) REFERENCES {db}.player (team_code, id) ON UPDATE CASCADE);
            INSERT INTO {db}.team VALUES ('ABC'), ('DEF');
            INSERT INTO {db}.player VALUES (1, 'ABC'), (2, 'ABC'), (3, 'DEF'), (4, NULL);
            INSERT INTO {db}.contract VALUES (7, 'ABC', 1), (8, 'DEF', 3), (9, 'ABC', 2);
            """);

        var affected = await pair.DeleteAsync(db, "team", "code = 'ABC'");

        Assert.Equal(4, affected);
        Assert.Equal("player: 1|NULL; 2|NULL; 3|DEF; 4|NULL", await CascadeHarness.SourceRowsAsync(db, "player"));
        Assert.Equal("contract: 7|NULL|1; 8|DEF|3; 9|NULL|2", await CascadeHarness.SourceRowsAsync(db, "contract"));
    }

    [Fact]
    public async Task Self_referencing_tree_delete_removes_the_whole_subtree()
    {
        const string db = "fm_cascade_tree";
        var pair = new CascadeHarness(db);
        await pair.CreateAsync($"""
            CREATE DATABASE {db};
            CREATE TABLE {db}.node (id INT PRIMARY KEY, parent_id INT,
              FOREIGN KEY (parent_id) REFERENCES {db}.node (id) ON DELETE CASCADE);
            CREATE TABLE {db}.tag (id INT PRIMARY KEY, node_id INT NOT NULL,
              FOREIGN KEY (node_id) REFERENCES {db}.node (id) ON DELETE CASCADE);
            INSERT INTO {db}.node VALUES (1, NULL), (2, 1), (3, 1), (4, 2), (5, 2), (6, 4), (7, 6), (8, 3), (9, NULL), (10, 9);
            INSERT INTO {db}.tag VALUES (1, 7), (2, 8), (3, 10), (4, 1);
            """);

        var affected = await pair.DeleteAsync(db, "node", "id = 2");

        Assert.Equal(5, affected);
        Assert.Equal("node: 10|9; 1|NULL; 3|1; 8|3; 9|NULL", await CascadeHarness.SourceRowsAsync(db, "node"));
        Assert.Equal(1, await pair.DeleteAsync(db, "node", "id = 10"));
    }

    [Fact]
    public async Task Self_referencing_set_null_including_a_row_that_references_itself()
    {
        const string db = "fm_cascade_selfnull";
        var pair = new CascadeHarness(db);
        await pair.CreateAsync($"""
            CREATE DATABASE {db};
            CREATE TABLE {db}.employee (id INT PRIMARY KEY, manager_id INT,
              FOREIGN KEY (manager_id) REFERENCES {db}.employee (id) ON DELETE SET NULL);
            INSERT INTO {db}.employee VALUES (1, 1), (2, 1), (3, 2), (4, 1);
            """);

        await pair.DeleteAsync(db, "employee", "id = 1");

        Assert.Equal("employee: 2|NULL; 3|2; 4|NULL", await CascadeHarness.SourceRowsAsync(db, "employee"));
    }

    [Fact]
    public async Task A_cycle_of_delete_cascades_between_two_tables_ends()
    {
        const string db = "fm_cascade_cycle";
        var pair = new CascadeHarness(db);
        await pair.CreateAsync($"""
            CREATE DATABASE {db};
            CREATE TABLE {db}.a (id INT PRIMARY KEY, b_id INT);
            CREATE TABLE {db}.b (id INT PRIMARY KEY, a_id INT,
              FOREIGN KEY (a_id) REFERENCES {db}.a (id) ON DELETE CASCADE);
            ALTER TABLE {db}.a ADD FOREIGN KEY (b_id) REFERENCES {db}.b (id) ON DELETE CASCADE;
            INSERT INTO {db}.a VALUES (1, NULL), (2, NULL), (3, NULL);
            INSERT INTO {db}.b VALUES (10, 1), (20, 2), (30, 3);
            UPDATE {db}.a SET b_id = 10 WHERE id = 1;
            UPDATE {db}.a SET b_id = 10 WHERE id = 2;
            """);

        await pair.DeleteAsync(db, "a", "id = 1");

        Assert.Equal("a: 3|NULL", await CascadeHarness.SourceRowsAsync(db, "a"));
        Assert.Equal("b: 30|3", await CascadeHarness.SourceRowsAsync(db, "b"));
    }

    [Fact]
    public async Task A_parent_with_no_children_and_null_keys_change_nothing()
    {
        const string db = "fm_cascade_nulls";
        var pair = new CascadeHarness(db);
        await pair.CreateAsync($"""
            CREATE DATABASE {db};
            CREATE TABLE {db}.parent (id INT PRIMARY KEY, a INT, b INT, UNIQUE KEY (a, b));
            CREATE TABLE {db}.child (id INT PRIMARY KEY, a INT, b INT,
              FOREIGN KEY (a, b) REFERENCES {db}.parent (a, b) ON DELETE CASCADE ON UPDATE CASCADE);
            CREATE TABLE {db}.single (id INT PRIMARY KEY, parent_id INT,
              FOREIGN KEY (parent_id) REFERENCES {db}.parent (id) ON DELETE CASCADE);
            INSERT INTO {db}.parent VALUES (1, 1, NULL), (2, 1, 2), (3, 3, 3), (4, NULL, NULL);
            INSERT INTO {db}.child VALUES (10, 1, NULL), (11, NULL, 2), (12, 1, 2), (13, NULL, NULL);
            INSERT INTO {db}.single VALUES (20, NULL), (21, 2);
            """);

        Assert.Equal(0, await pair.DeleteAsync(db, "parent", "id = 3"));
        Assert.Equal(0, await pair.DeleteAsync(db, "parent", "id = 1"));
        Assert.Equal(0, await pair.UpdateAsync(db, "parent", "a = 5", "id = 4", "id = 4"));
        Assert.Equal(2, await pair.DeleteAsync(db, "parent", "id = 2"));
        Assert.Equal("child: 10|1|NULL; 11|NULL|2; 13|NULL|NULL", await CascadeHarness.SourceRowsAsync(db, "child"));
        Assert.Equal("single: 20|NULL", await CascadeHarness.SourceRowsAsync(db, "single"));
    }

    [Fact]
    public async Task Cross_database_cascade_with_both_databases_in_scope()
    {
        const string shop = "fm_cascade_xshop", audit = "fm_cascade_xaudit";
        var pair = new CascadeHarness(shop, audit);
        await pair.CreateAsync($"""
            CREATE DATABASE {shop};
            CREATE DATABASE {audit};
            CREATE TABLE {shop}.customer (id INT PRIMARY KEY);
            CREATE TABLE {audit}.visit (id INT PRIMARY KEY, customer_id INT NOT NULL,
              FOREIGN KEY (customer_id) REFERENCES {shop}.customer (id) ON DELETE CASCADE);
            CREATE TABLE {shop}.note (id INT PRIMARY KEY, visit_id INT,
              FOREIGN KEY (visit_id) REFERENCES {audit}.visit (id) ON DELETE SET NULL);
            INSERT INTO {shop}.customer VALUES (1), (2);
            INSERT INTO {audit}.visit VALUES (5, 1), (6, 2), (7, 1);
            INSERT INTO {shop}.note VALUES (1, 5), (2, 6), (3, 7);
            """);

        Assert.Equal(4, await pair.DeleteAsync(shop, "customer", "id = 1"));
        Assert.Equal("note: 1|NULL; 2|6; 3|NULL", await CascadeHarness.SourceRowsAsync(shop, "note"));
    }

    [Fact]
    public async Task A_foreign_key_into_a_database_out_of_scope_is_not_in_the_graph()
    {
        const string inside = "fm_cascade_scopein", outside = "fm_cascade_scopeout";
        var pair = new CascadeHarness(inside, outside);
        await pair.CreateAsync($"""
            CREATE DATABASE {inside};
            CREATE DATABASE {outside};
            CREATE TABLE {inside}.parent (id INT PRIMARY KEY);
            CREATE TABLE {outside}.child (id INT PRIMARY KEY, parent_id INT,
              FOREIGN KEY (parent_id) REFERENCES {inside}.parent (id) ON DELETE CASCADE);
            """);

        await using var source = await ServerPair.OpenSourceAsync();
        var both = await ForeignKeyGraph.ReadAsync(source, [inside, outside]);
        var one = await ForeignKeyGraph.ReadAsync(source, [inside]);

        Assert.True(both.HasActionsOn(inside, "parent"));
        Assert.True(both.HasDeleteActionsOn(inside, "parent"));
        Assert.False(both.HasUpdateActionsOn(inside, "parent"));
        Assert.False(one.HasActionsOn(inside, "parent"));
        Assert.Empty(one.Edges);
    }

    [Fact]
    public async Task Cascades_deeper_than_InnoDB_allows_are_refused_like_the_source_refuses_them()
    {
        const string db = "fm_cascade_depth";
        var pair = new CascadeHarness(db);
        await pair.CreateAsync($"""
            CREATE DATABASE {db};
            USE {db};
            CREATE TABLE {db}.n (id INT PRIMARY KEY, p INT, FOREIGN KEY (p) REFERENCES {db}.n (id) ON DELETE CASCADE);
            INSERT INTO {db}.n VALUES (1, NULL);
            INSERT INTO {db}.n SELECT seq + 1, seq FROM seq_1_to_16;
            """);

        var refused = await Assert.ThrowsAsync<MySqlException>(() => ServerPair.ExecSourceAsync($"DELETE FROM {db}.n WHERE id = 2"));
        Assert.Contains("193", refused.Message, StringComparison.Ordinal);
        var emulated = await Assert.ThrowsAsync<ForeignKeyCascadeException>(() => pair.EmulateDeleteOnlyAsync(db, "n", "id = 2"));
        Assert.Contains("15 levels deep", emulated.Message, StringComparison.Ordinal);

        Assert.Equal(CascadeEmulator.MaxDepth, await pair.DeleteAsync(db, "n", "id = 3"));
        Assert.Equal("n: 1|NULL; 2|1", await CascadeHarness.SourceRowsAsync(db, "n"));
    }
}
