namespace FlexMigrate.IntegrationTests.Schema;

/// <summary>
/// The source schema every schema test migrates: each feature of issue 2's schema and metadata list, spread over two
/// databases that reference each other. Statements end with ";" at a line end (ServerPair's script convention).
/// </summary>
internal static class SchemaFixture
{
    public const string DbA = "fm_schema_a";
    public const string DbB = "fm_schema_b";
    public const string Owner = "`fm_schema_owner`@`%`";

    public const string Tables = """
        CREATE DATABASE fm_schema_a CHARACTER SET latin1 COLLATE latin1_swedish_ci;
        CREATE DATABASE fm_schema_b CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
        CREATE TABLE fm_schema_a.types (
          id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
          ti TINYINT, tiu TINYINT UNSIGNED, tiz TINYINT(3) UNSIGNED ZEROFILL, si SMALLINT(5) ZEROFILL,
          mi MEDIUMINT UNSIGNED, i INT(11) NOT NULL DEFAULT -1, bi BIGINT(20) ZEROFILL,
          b1 BIT(1) DEFAULT b'1', b64 BIT(64),
          dec1 DECIMAL(65,30), dec2 DECIMAL(10,2) UNSIGNED ZEROFILL DEFAULT 12.50, f FLOAT, f2 FLOAT(7,3),
          d DOUBLE, d2 DOUBLE(16,4) UNSIGNED, r REAL,
          dt DATE DEFAULT '0000-00-00', dtt DATETIME(6) DEFAULT '1000-01-01 00:00:00.000000',
          ts TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
          ts0 TIMESTAMP NULL DEFAULT '2038-01-19 03:14:07', ts1 TIMESTAMP(3) NULL DEFAULT '1970-01-01 00:00:01.000',
          tm TIME(6) DEFAULT '-838:59:59.000000', y YEAR,
          c CHAR(10) CHARACTER SET ascii COLLATE ascii_bin, vc VARCHAR(300) COLLATE latin1_bin NOT NULL DEFAULT 'it''s, (x)',
          bn BINARY(16), vb VARBINARY(255),
          tt TINYTEXT, tx TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin, mt MEDIUMTEXT, lt LONGTEXT,
          tb TINYBLOB, bl BLOB, mb MEDIUMBLOB, lb LONGBLOB,
          e ENUM('', 'a', 'b''c') DEFAULT '', s SET('', 'x', 'y') NOT NULL DEFAULT 'x,y',
          j JSON, g GEOMETRY, pt POINT NOT NULL, ls LINESTRING, pg POLYGON,
          expr_def VARCHAR(40) DEFAULT (concat('x', ',', 'y')), dt_def DATE DEFAULT (curdate() + interval 1 day),
          gv INT AS (i * 2) VIRTUAL, gs VARCHAR(30) AS (concat(i, '-', ti)) STORED,
          inv INT INVISIBLE DEFAULT 7,
          cm INT COMMENT 'column comment with ''quote'', comma, `tick` and (paren)',
          PRIMARY KEY (id),
          UNIQUE KEY uq_c (c),
          KEY ix_prefix (vc(20), tx(10)),
          KEY ix_multi (i, dt DESC) COMMENT 'two parts',
          FULLTEXT KEY ft_text (tt, mt),
          SPATIAL KEY sp_pt (pt),
          KEY ix_gen (gv)
        ) ENGINE=InnoDB AUTO_INCREMENT=1000 ROW_FORMAT=DYNAMIC COMMENT='all types';
        CREATE TABLE fm_schema_a.parted (
          id INT NOT NULL, created DATE NOT NULL, v VARCHAR(10),
          PRIMARY KEY (id, created), KEY ix_v (v)
        ) PARTITION BY RANGE (YEAR(created)) (
          PARTITION p2020 VALUES LESS THAN (2021) COMMENT = 'old',
          PARTITION pmax VALUES LESS THAN MAXVALUE);
        CREATE TABLE fm_schema_a.hashed (id INT NOT NULL PRIMARY KEY, v INT, KEY ix_v (v)) PARTITION BY HASH (id) PARTITIONS 3;
        CREATE TABLE fm_schema_a.legacy (
          u BIGINT NOT NULL, id INT UNSIGNED NOT NULL AUTO_INCREMENT, body TEXT,
          PRIMARY KEY (u, id), UNIQUE KEY uq_id (id), FULLTEXT KEY ft_body (body)
        ) ENGINE=MyISAM AUTO_INCREMENT=77 ROW_FORMAT=FIXED CHECKSUM=1 COMMENT='per-group sequence';
        CREATE TABLE fm_schema_a.aria_t (id INT NOT NULL PRIMARY KEY, v VARCHAR(5), KEY ix_v (v)) ENGINE=Aria PAGE_CHECKSUM=1 TRANSACTIONAL=1;
        CREATE TABLE fm_schema_a.`select` (
          `from` INT NOT NULL, `order` VARCHAR(10), `naïve_ñ` VARCHAR(10), `日本` INT, `we``ird` INT,
          PRIMARY KEY (`from`), KEY `key` (`order`), KEY `índice` (`naïve_ñ`, `日本`)
        ) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='ünïcödé 🙂';
        CREATE TABLE fm_schema_a.`tëst_表` (id INT NOT NULL PRIMARY KEY, `group` INT) CHARACTER SET utf8mb4;
        CREATE TABLE fm_schema_a.compact_t (id INT NOT NULL PRIMARY KEY, v VARCHAR(10)) ROW_FORMAT=COMPACT;
        CREATE TABLE fm_schema_a.redundant_t (id INT NOT NULL PRIMARY KEY, v VARCHAR(10)) ROW_FORMAT=REDUNDANT;
        CREATE TABLE fm_schema_a.compressed_t (id INT NOT NULL PRIMARY KEY, v VARCHAR(10)) ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=8;
        CREATE TABLE fm_schema_a.nopk (a INT, b INT, UNIQUE KEY uq_a (a), KEY ix_b (b));
        CREATE TABLE fm_schema_b.docs (
          id INT NOT NULL PRIMARY KEY, title VARCHAR(200), body TEXT,
          FULLTEXT KEY ft_title (title), FULLTEXT KEY ft_body (body), FULLTEXT KEY ft_both (title, body));
        CREATE TABLE fm_schema_b.customer (id INT NOT NULL PRIMARY KEY, region_id INT, name VARCHAR(50), KEY ix_region (region_id));
        CREATE TABLE fm_schema_a.region (
          id INT NOT NULL PRIMARY KEY, hq_customer_id INT,
          CONSTRAINT fk_region_hq FOREIGN KEY (hq_customer_id) REFERENCES fm_schema_b.customer (id) ON DELETE SET NULL);
        ALTER TABLE fm_schema_b.customer ADD CONSTRAINT fk_customer_region FOREIGN KEY (region_id) REFERENCES fm_schema_a.region (id) ON UPDATE CASCADE;
        CREATE TABLE fm_schema_b.orders (
          id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, customer_id INT NOT NULL, parent_id INT, amount DECIMAL(10,2), note VARCHAR(10),
          CONSTRAINT chk_amount CHECK (amount >= 0),
          CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES fm_schema_b.customer (id) ON DELETE CASCADE,
          CONSTRAINT fk_orders_parent FOREIGN KEY (parent_id) REFERENCES fm_schema_b.orders (id));
        """;

    public const string Metadata = """
        CREATE VIEW fm_schema_a.z_base AS SELECT id, i FROM fm_schema_a.types WHERE i > 0;
        CREATE VIEW fm_schema_a.m_mid AS SELECT id, i FROM fm_schema_a.z_base WHERE i < 100 WITH CASCADED CHECK OPTION;
        CREATE DEFINER=`fm_schema_owner`@`%` VIEW fm_schema_a.a_top AS SELECT id FROM fm_schema_a.m_mid WHERE id > 5 WITH LOCAL CHECK OPTION;
        CREATE VIEW fm_schema_b.v_cross AS SELECT c.id, r.id AS region FROM fm_schema_b.customer c JOIN fm_schema_a.region r ON r.id = c.region_id;
        CREATE VIEW fm_schema_a.`vïew select` AS SELECT * FROM fm_schema_b.v_cross;
        CREATE ALGORITHM=MERGE SQL SECURITY INVOKER VIEW fm_schema_a.v_invoker (one, two) AS SELECT 1, 'DEFINER=`x`@`y`';
        CREATE DEFINER=`fm_schema_owner`@`%` PROCEDURE fm_schema_a.p_add(IN a INT, INOUT b INT) COMMENT 'adds'
        BEGIN
          SET b = a + b;
          SELECT 'x;y' AS s;
        END;
        CREATE FUNCTION fm_schema_a.f_twice(x INT) RETURNS INT DETERMINISTIC RETURN x * 2;
        CREATE FUNCTION fm_schema_b.`fünc`(s VARCHAR(10) CHARSET utf8mb4) RETURNS VARCHAR(20) CHARSET utf8mb4 NO SQL RETURN CONCAT(s, '€');
        SET SESSION sql_mode = 'ANSI_QUOTES,PIPES_AS_CONCAT,NO_BACKSLASH_ESCAPES';
        CREATE PROCEDURE fm_schema_a.p_ansi() SELECT 'a' || 'b' AS "joined";
        SET SESSION sql_mode = DEFAULT;
        CREATE TRIGGER fm_schema_b.trg_orders_bi BEFORE INSERT ON fm_schema_b.orders FOR EACH ROW SET NEW.amount = ABS(NEW.amount);
        CREATE TRIGGER fm_schema_b.trg_orders_bi2 BEFORE INSERT ON fm_schema_b.orders FOR EACH ROW FOLLOWS trg_orders_bi SET NEW.note = 'x';
        CREATE TRIGGER fm_schema_b.trg_orders_bi0 BEFORE INSERT ON fm_schema_b.orders FOR EACH ROW PRECEDES trg_orders_bi SET NEW.note = 'first';
        CREATE DEFINER=`fm_schema_owner`@`%` TRIGGER fm_schema_a.`trg sélect` AFTER UPDATE ON fm_schema_a.`select` FOR EACH ROW
        BEGIN
          IF NEW.`order` <> OLD.`order` THEN SET @fm_changed = 1; END IF;
        END;
        CREATE EVENT fm_schema_a.ev_cleanup ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00' ON COMPLETION PRESERVE DISABLE COMMENT 'nightly' DO DELETE FROM fm_schema_a.nopk WHERE a < 0;
        CREATE DEFINER=`fm_schema_owner`@`%` EVENT fm_schema_b.ev_once ON SCHEDULE AT '2035-06-01 12:00:00' ON COMPLETION PRESERVE ENABLE DO UPDATE fm_schema_b.orders SET amount = amount;
        """;
}
