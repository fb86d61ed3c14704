-- A small shop database for the demo: every object kind FlexMigrate moves, ~150k rows.
-- Uses MariaDB's Sequence engine (seq_1_to_N) to generate rows.
DROP DATABASE IF EXISTS demo_shop;
CREATE DATABASE demo_shop CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
USE demo_shop;

CREATE TABLE customers (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email VARCHAR(190) NOT NULL,
  name VARCHAR(100) NOT NULL,
  country CHAR(2) NOT NULL DEFAULT 'NL',
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  UNIQUE KEY uq_email (email),
  KEY ix_country (country)
) ENGINE=InnoDB;

CREATE TABLE products (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  sku VARBINARY(16) NOT NULL,
  title VARCHAR(200) NOT NULL,
  price DECIMAL(12,2) NOT NULL,
  attributes JSON NULL,
  FULLTEXT KEY ft_title (title)
) ENGINE=InnoDB;

CREATE TABLE orders (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id INT UNSIGNED NOT NULL,
  status ENUM('new','paid','shipped','cancelled') NOT NULL DEFAULT 'new',
  total DECIMAL(14,2) NOT NULL DEFAULT 0,
  placed_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  KEY ix_customer (customer_id),
  CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id)
) ENGINE=InnoDB;

CREATE TABLE order_items (
  order_id BIGINT UNSIGNED NOT NULL,
  line SMALLINT UNSIGNED NOT NULL,
  product_id INT UNSIGNED NOT NULL,
  quantity INT NOT NULL,
  amount DECIMAL(14,2) AS (quantity * 9.99) STORED,
  PRIMARY KEY (order_id, line),
  CONSTRAINT fk_items_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE,
  CONSTRAINT fk_items_product FOREIGN KEY (product_id) REFERENCES products (id)
) ENGINE=InnoDB;

CREATE TABLE audit_log (
  happened_at DATETIME NOT NULL,
  message TEXT NOT NULL
) ENGINE=MyISAM;

INSERT INTO customers (email, name, country, created_at)
  SELECT CONCAT('user', seq, '@example.com'), CONCAT('Customer ', seq), ELT(1 + seq % 4, 'NL', 'DE', 'FR', 'BE'),
         TIMESTAMP('2024-01-01') + INTERVAL seq MINUTE
  FROM seq_1_to_20000;
INSERT INTO products (sku, title, price, attributes)
  SELECT UNHEX(MD5(seq)), CONCAT('Product ', seq, ' ', ELT(1 + seq % 3, 'red', 'green', 'blue')), 1 + seq % 500 + 0.99,
         JSON_OBJECT('weight', seq % 17, 'tags', JSON_ARRAY('a', 'b'))
  FROM seq_1_to_2000;
INSERT INTO orders (customer_id, status, total, placed_at)
  SELECT 1 + seq % 20000, ELT(1 + seq % 4, 'new', 'paid', 'shipped', 'cancelled'), (seq % 1000) + 0.5,
         TIMESTAMP('2025-01-01') + INTERVAL seq SECOND
  FROM seq_1_to_50000;
INSERT INTO order_items (order_id, line, product_id, quantity)
  SELECT 1 + seq DIV 2, 1 + seq % 2, 1 + seq % 2000, 1 + seq % 5 FROM seq_0_to_79999;
INSERT INTO audit_log VALUES ('2025-06-01 12:00:00', 'demo loaded'), ('2025-06-01 12:00:01', 'ready');

-- A view that depends on a view whose name sorts after it, with CHECK OPTION.
CREATE VIEW z_paid_orders AS SELECT id, customer_id, total FROM orders WHERE status = 'paid';
CREATE VIEW a_big_orders AS SELECT * FROM z_paid_orders WHERE total > 500 WITH CHECK OPTION;

DELIMITER //
CREATE FUNCTION order_count(c INT UNSIGNED) RETURNS INT READS SQL DATA
  RETURN (SELECT COUNT(*) FROM orders WHERE customer_id = c)//
CREATE PROCEDURE cancel_order(IN o BIGINT UNSIGNED)
BEGIN
  UPDATE orders SET status = 'cancelled' WHERE id = o;
END//
CREATE TRIGGER orders_audit AFTER UPDATE ON orders FOR EACH ROW
  INSERT INTO audit_log VALUES (NOW(), CONCAT('order ', NEW.id, ' is ', NEW.status))//
DELIMITER ;
CREATE EVENT purge_audit ON SCHEDULE EVERY 1 DAY DISABLE DO DELETE FROM audit_log WHERE happened_at < NOW() - INTERVAL 90 DAY;
