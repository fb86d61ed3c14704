using FlexMigrate.Core.Replication;

namespace FlexMigrate.IntegrationTests.Replication;

/// <summary>ON UPDATE CASCADE / SET NULL, mixed rules and collation-aware matching, against the source's real cascades.</summary>
public sealed class CascadeUpdateTests
{
    [Fact]
    public async Task Update_cascade_on_a_composite_key_follows_into_grandchildren_and_sets_only_changed_columns()
    {
        const string db = "fm_cascade_composite";
        var pair = new CascadeHarness(db);
        await pair.CreateAsync($"""
            CREATE DATABASE {db};
            CREATE TABLE {db}.region (country CHAR(2), code VARCHAR(10), label VARCHAR(20), PRIMARY KEY (country, code));
            CREATE TABLE {db}.site (id INT PRIMARY KEY, country CHAR(2), code VARCHAR(10), UNIQUE KEY (country, code, id),
              FOREIGN KEY (country, code) REFERENCES {db}.region (country, code) ON UPDATE CASCADE ON DELETE CASCADE);
            CREATE TABLE {db}.rack (id INT PRIMARY KEY, country CHAR(2), code VARCHAR(10), site_id INT,
              FOREIGN KEY (country, code, site_id) REFERENCES {db}.site (country, code, id) ON UPDATE CASCADE);
            INSERT INTO {db}.region VALUES ('de', 'north', 'N'), ('de', 'south', 'S'), ('fr', 'north', 'N');
            INSERT INTO {db}.site VALUES (1, 'de', 'north'), (2, 'de', 'north'), (3, 'fr', 'north'), (4, 'de', 'NORTH');
            INSERT INTO {db}.rack VALUES (10, 'de', 'north', 1), (11, 'de', 'NORTH', 4), (12, 'fr', 'north', 3), (13, 'de', 'north', NULL);
            """);

        Assert.Equal(0, await pair.UpdateAsync(db, "region", "label = 'X'", "country = 'de' AND code = 'north'", "country = 'de' AND code = 'north'"));
        Assert.Equal(0, await pair.UpdateAsync(db, "region", "code = 'north'", "country = 'de' AND code = 'north'", "country = 'de' AND code = 'north'"));
        var affected = await pair.UpdateAsync(db, "region", "code = 'east'", "country = 'de' AND code = 'north'", "country = 'de' AND code = 'east'");

        Assert.Equal(5, affected);
        Assert.Equal("site: 1|de|east; 2|de|east; 3|fr|north; 4|de|east", await CascadeHarness.SourceRowsAsync(db, "site"));
        Assert.Equal("rack: 10|de|east|1; 11|de|east|4; 12|fr|north|3; 13|de|north|NULL", await CascadeHarness.SourceRowsAsync(db, "rack"));

        Assert.Equal(2, await pair.UpdateAsync(db, "region", "country = 'it'", "country = 'fr' AND code = 'north'", "country = 'it' AND code = 'north'"));
        Assert.Equal("rack: 10|de|east|1; 11|de|east|4; 12|it|north|3; 13|de|north|NULL", await CascadeHarness.SourceRowsAsync(db, "rack"));
    }

    [Fact]
    public async Task Mixed_rules_on_one_parent_act_per_foreign_key()
    {
        const string db = "fm_cascade_mixed";
        var pair = new CascadeHarness(db);
        await pair.CreateAsync($"""
            CREATE DATABASE {db};
            CREATE TABLE {db}.account (id INT PRIMARY KEY, login VARCHAR(20) NOT NULL UNIQUE);
            CREATE TABLE {db}.session (id INT PRIMARY KEY, account_id INT,
              FOREIGN KEY (account_id) REFERENCES {db}.account (id) ON DELETE CASCADE ON UPDATE SET NULL);
            CREATE TABLE {db}.post (id INT PRIMARY KEY, author VARCHAR(20),
              FOREIGN KEY (author) REFERENCES {db}.account (login) ON DELETE SET NULL ON UPDATE CASCADE);
            CREATE TABLE {db}.invoice (id INT PRIMARY KEY, account_id INT,
              FOREIGN KEY (account_id) REFERENCES {db}.account (id) ON DELETE RESTRICT ON UPDATE NO ACTION);
            INSERT INTO {db}.account VALUES (1, 'ann'), (2, 'bob'), (3, 'cy');
            INSERT INTO {db}.session VALUES (1, 1), (2, 2), (3, 2);
            INSERT INTO {db}.post VALUES (1, 'ann'), (2, 'bob'), (3, 'bob');
            INSERT INTO {db}.invoice VALUES (1, 3);
            """);

        Assert.Equal(2, await pair.UpdateAsync(db, "account", "login = 'robert'", "id = 2", "id = 2"));
        Assert.Equal(2, await pair.UpdateAsync(db, "account", "id = 20", "id = 2", "id = 20"));
        Assert.Equal(2, await pair.DeleteAsync(db, "account", "id = 1"));
        Assert.Equal("session: 2|NULL; 3|NULL", await CascadeHarness.SourceRowsAsync(db, "session"));
        Assert.Equal("post: 1|NULL; 2|robert; 3|robert", await CascadeHarness.SourceRowsAsync(db, "post"));
        Assert.Equal("invoice: 1|3", await CascadeHarness.SourceRowsAsync(db, "invoice"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Case_insensitive_collations_match_as_InnoDB_matches(bool textAsBytes)
    {
        var db = textAsBytes ? "fm_cascade_ci_bytes" : "fm_cascade_ci";
        var pair = new CascadeHarness(db) { TextAsBytes = textAsBytes };
        await pair.CreateAsync($"""
            CREATE DATABASE {db};
            CREATE TABLE {db}.tag (name VARCHAR(20) COLLATE utf8mb4_general_ci PRIMARY KEY);
            CREATE TABLE {db}.post_tag (id INT PRIMARY KEY, tag VARCHAR(20) COLLATE utf8mb4_general_ci,
              FOREIGN KEY (tag) REFERENCES {db}.tag (name) ON DELETE CASCADE ON UPDATE CASCADE);
            CREATE TABLE {db}.city (name VARCHAR(20) CHARACTER SET latin1 COLLATE latin1_swedish_ci PRIMARY KEY);
            CREATE TABLE {db}.street (id INT PRIMARY KEY, city VARCHAR(20) CHARACTER SET latin1 COLLATE latin1_swedish_ci,
              FOREIGN KEY (city) REFERENCES {db}.city (name) ON DELETE SET NULL ON UPDATE CASCADE);
            INSERT INTO {db}.tag VALUES ('abc'), ('def'), ('ghi');
            INSERT INTO {db}.post_tag VALUES (1, 'ABC'), (2, 'abc'), (3, 'Abc'), (4, 'def'), (5, 'DEF'), (6, 'ghi');
            INSERT INTO {db}.city VALUES ('malmö'), ('lund');
            INSERT INTO {db}.street VALUES (1, 'MALMÖ'), (2, 'Malmö'), (3, 'lund');
            """);

        Assert.Equal(3, await pair.DeleteAsync(db, "tag", "name = 'abc'"));
        Assert.Equal(2, await pair.UpdateAsync(db, "tag", "name = 'DEF'", "name = 'def'", "name = 'DEF'"));
        Assert.Equal(1, await pair.UpdateAsync(db, "tag", "name = 'xyz'", "name = 'ghi'", "name = 'xyz'"));
        Assert.Equal("post_tag: 4|DEF; 5|DEF; 6|xyz", await CascadeHarness.SourceRowsAsync(db, "post_tag"));
        Assert.Equal(2, await pair.UpdateAsync(db, "city", "name = 'Malmo'", "name = 'malmö'", "name = 'Malmo'"));
        Assert.Equal(1, await pair.DeleteAsync(db, "city", "name = 'lund'"));
        Assert.Equal("street: 1|Malmo; 2|Malmo; 3|NULL", await CascadeHarness.SourceRowsAsync(db, "street"));
    }

    [Fact]
    public async Task A_self_referencing_update_cascade_the_source_refuses_is_refused()
    {
        const string db = "fm_cascade_selfupdate";
        var pair = new CascadeHarness(db);
        await pair.CreateAsync($"""
            CREATE DATABASE {db};
            CREATE TABLE {db}.node (id INT PRIMARY KEY, parent_id INT,
              FOREIGN KEY (parent_id) REFERENCES {db}.node (id) ON UPDATE CASCADE);
            INSERT INTO {db}.node VALUES (1, NULL), (2, 1), (3, NULL);
            """);

        await Assert.ThrowsAsync<MySqlConnector.MySqlException>(() =>
            Infrastructure.ServerPair.ExecSourceAsync($"UPDATE {db}.node SET id = 10 WHERE id = 1"));
        Assert.Equal(0, await pair.UpdateAsync(db, "node", "id = 30", "id = 3", "id = 30"));
        await using var target = await Infrastructure.ServerPair.OpenTargetAsync();
        await using var transaction = await target.BeginTransactionAsync();
        var emulator = new CascadeEmulator(await pair.GraphAsync());
        var refused = await Assert.ThrowsAsync<ForeignKeyCascadeException>(() => emulator.BeforeUpdateAsync(
            target, transaction, db, "node",
            new Dictionary<string, object?> { ["id"] = 1, ["parent_id"] = null },
            new Dictionary<string, object?> { ["id"] = 10, ["parent_id"] = null }));
        Assert.Contains("again inside a cascade", refused.Message, StringComparison.Ordinal);
    }
}
