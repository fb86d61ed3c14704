using FlexMigrate.IntegrationTests.Infrastructure;

namespace FlexMigrate.IntegrationTests.Crash;

/// <summary>
/// A small shop database for the crash tests: several tables large enough for dozens of chunks (integer, composite
/// and string keys, one table without a primary key), secondary and unique indexes, a foreign key, a view, a
/// trigger, a procedure and an event, so a kill can land in every phase.
/// </summary>
internal static class CrashDataset
{
    /// <summary>Rows in <c>orders</c>; <c>order_line</c> has twice as many, <c>customer</c> a tenth.</summary>
    public const int Orders = 24_000;

    /// <summary>Creates <paramref name="database"/> on the source (dropping it on both servers first).</summary>
    public static async Task CreateAsync(string database, bool withKeylessTable = true)
    {
        await ServerPair.ResetDatabasesAsync(database);
        await ServerPair.ExecSourceAsync($"""
            CREATE DATABASE `{database}` CHARACTER SET utf8mb4;
            USE `{database}`;
            CREATE TABLE customer (
              id INT PRIMARY KEY, name VARCHAR(60) NOT NULL, email VARCHAR(80) NOT NULL, UNIQUE KEY email (email));
            CREATE TABLE orders (
              id INT PRIMARY KEY AUTO_INCREMENT, customer_id INT NOT NULL, amount DECIMAL(12,2) NOT NULL, note VARCHAR(100) NULL,
              created DATETIME(3) NOT NULL, KEY customer (customer_id), KEY created (created),
              CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customer (id));
            CREATE TABLE order_line (
              order_id INT NOT NULL, line SMALLINT NOT NULL, sku VARCHAR(20) NOT NULL, qty INT NOT NULL, price DOUBLE NOT NULL,
              PRIMARY KEY (order_id, line), KEY sku (sku));
            CREATE TABLE sku (code VARCHAR(20) CHARACTER SET ascii PRIMARY KEY, title VARCHAR(200) NOT NULL, payload BLOB NULL);
            CREATE TABLE counter (name VARCHAR(20) PRIMARY KEY, n BIGINT NOT NULL);
            INSERT INTO customer SELECT seq, CONCAT('customer ', seq), CONCAT('c', seq, '@example.com') FROM seq_1_to_{Orders / 10};
            INSERT INTO orders SELECT seq, 1 + seq % {Orders / 10}, seq * 1.25, IF(seq % 7 = 0, NULL, CONCAT('note ', seq)),
              '2026-01-01 00:00:00' + INTERVAL seq SECOND FROM seq_1_to_{Orders};
            INSERT INTO order_line SELECT o.seq, l.seq, CONCAT('SKU-', (o.seq * 3 + l.seq) % 500), l.seq, o.seq / 3.0
              FROM seq_1_to_{Orders} o, seq_1_to_2 l;
            INSERT INTO sku SELECT CONCAT('SKU-', seq), CONCAT('Product ', seq, ' ', REPEAT('x', seq % 150)), UNHEX(SHA2(seq, 256))
              FROM seq_0_to_499;
            INSERT INTO counter VALUES ('orders', {Orders});
            CREATE VIEW big_orders AS SELECT id, customer_id, amount FROM orders WHERE amount > 1000;
            CREATE TRIGGER count_orders AFTER INSERT ON orders FOR EACH ROW UPDATE counter SET n = n + 1 WHERE name = 'orders';
            CREATE PROCEDURE order_total(IN p_order INT) SELECT SUM(qty * price) FROM order_line WHERE order_id = p_order;
            CREATE EVENT nightly ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00' DISABLE DO DELETE FROM counter WHERE n < 0;
            """);
        if (withKeylessTable)
        {
            await ServerPair.ExecSourceAsync($"""
                USE `{database}`;
                CREATE TABLE audit (at DATETIME NOT NULL, what VARCHAR(40) NOT NULL);
                INSERT INTO audit SELECT '2026-01-01' + INTERVAL (seq % 100) MINUTE, CONCAT('event ', seq % 50) FROM seq_1_to_3000;
                """);
        }
    }
}
