-- Source database for bench/run.sh. Placeholders {{...}} are filled in by run.sh; every value is derived from the
-- sequence number alone, so a given size always produces the same data. Generated server-side from MariaDB's
-- SEQUENCE engine (seq_1_to_N), in one session with checks off.
SET NAMES utf8mb4;
SET time_zone = '+00:00';
SET foreign_key_checks = 0;
SET unique_checks = 0;
SET sql_mode = 'STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION,NO_UNSIGNED_SUBTRACTION';

DROP DATABASE IF EXISTS `{{DB}}`;
CREATE DATABASE `{{DB}}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
USE `{{DB}}`;

-- Unsigned INT key above the signed range, accents/emoji, DECIMAL, DOUBLE, ENUM, DATETIME(6), TIMESTAMP, TEXT, NULLs.
CREATE TABLE customers (
  id          INT UNSIGNED NOT NULL,
  name        VARCHAR(100) NOT NULL,
  email       VARCHAR(190) NOT NULL,
  country     CHAR(2) NULL,
  balance     DECIMAL(14,4) NOT NULL,
  score       DOUBLE NULL,
  tier        ENUM('free','silver','gold','platinum') NOT NULL,
  created_at  DATETIME(6) NOT NULL,
  updated_at  TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  notes       TEXT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_customers_email (email),
  KEY ix_customers_country (country)
) ENGINE=InnoDB;

-- Signed key with negative values, JSON, BLOB.
CREATE TABLE products (
  id          INT NOT NULL,
  sku         VARCHAR(32) CHARACTER SET ascii NOT NULL,
  title       VARCHAR(200) NOT NULL,
  price       DECIMAL(10,2) NOT NULL,
  weight_kg   DOUBLE NOT NULL,
  attrs       JSON NULL,
  thumbnail   BLOB NULL,
  description TEXT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_products_sku (sku)
) ENGINE=InnoDB;

-- BIGINT UNSIGNED key with gaps, FK to customers, TINYINT signed, nullable TIMESTAMP(6).
CREATE TABLE orders (
  id          BIGINT UNSIGNED NOT NULL,
  customer_id INT UNSIGNED NOT NULL,
  status      ENUM('new','paid','shipped','delivered','cancelled','refunded') NOT NULL,
  placed_at   DATETIME(6) NOT NULL,
  shipped_at  TIMESTAMP(6) NULL DEFAULT NULL,
  total       DECIMAL(14,2) NOT NULL,
  currency    CHAR(3) CHARACTER SET ascii NOT NULL,
  priority    TINYINT NOT NULL,
  meta        JSON NULL,
  PRIMARY KEY (id),
  KEY ix_orders_customer (customer_id),
  CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id)
) ENGINE=InnoDB;

-- The big table: {{ITEMS}} rows.
CREATE TABLE order_items (
  id          BIGINT NOT NULL AUTO_INCREMENT,
  order_id    BIGINT UNSIGNED NOT NULL,
  product_id  INT NOT NULL,
  qty         SMALLINT UNSIGNED NOT NULL,
  unit_price  DECIMAL(10,2) NOT NULL,
  discount    DOUBLE NULL,
  delta       INT NOT NULL,
  flags       TINYINT UNSIGNED NOT NULL,
  line_note   VARCHAR(255) NULL,
  created_at  DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  KEY ix_items_order (order_id),
  KEY ix_items_product (product_id),
  CONSTRAINT fk_items_order FOREIGN KEY (order_id) REFERENCES orders (id),
  CONSTRAINT fk_items_product FOREIGN KEY (product_id) REFERENCES products (id)
) ENGINE=InnoDB;

-- Larger binary values (8 to 64 KiB).
CREATE TABLE documents (
  id          INT NOT NULL,
  customer_id INT UNSIGNED NOT NULL,
  mime        ENUM('application/pdf','image/png','text/plain') NOT NULL,
  title       VARCHAR(200) NOT NULL,
  body        MEDIUMBLOB NOT NULL,
  uploaded_at TIMESTAMP NOT NULL DEFAULT '2020-01-01 00:00:00',
  PRIMARY KEY (id),
  KEY ix_documents_customer (customer_id),
  CONSTRAINT fk_documents_customer FOREIGN KEY (customer_id) REFERENCES customers (id)
) ENGINE=InnoDB;

-- No primary or unique key at all (goes whole to one worker); rows come in identical pairs.
CREATE TABLE audit_log (
  event       VARCHAR(40) NOT NULL,
  actor       INT UNSIGNED NULL,
  at          TIMESTAMP(6) NOT NULL DEFAULT '2020-01-01 00:00:00.000000',
  detail      TEXT NULL,
  KEY ix_audit_at (at)
) ENGINE=InnoDB;

INSERT INTO customers
SELECT 3000000000 + seq,
       CONCAT(ELT(1 + seq % 8, 'José Núñez', 'Zoë Ångström', 'Łukasz Żółć', '王小明', 'Søren Ærø', 'Ana 😀 Pérez',
                  'Seán O''Brien', 'Renée "Façade"'), ' #', seq),
       CONCAT('user', seq, '@example.', ELT(1 + seq % 3, 'com', 'es', 'com.mx')),
       IF(seq % 11 = 0, NULL, ELT(1 + seq % 6, 'MX', 'ES', 'US', 'AR', 'FR', 'JP')),
       (seq * 7919 % 20000000) / 100 - 50000,
       IF(seq % 13 = 0, NULL, (seq % 100000) / 7e0 - 1000 * (seq % 3)),
       1 + seq % 4,
       TIMESTAMP'2015-01-01 00:00:00' + INTERVAL seq * 97 SECOND + INTERVAL (seq * 7) % 1000000 MICROSECOND,
       TIMESTAMP'2020-01-01 00:00:00' + INTERVAL seq * 13 SECOND,
       IF(seq % 5 = 0, NULL, REPEAT(CONCAT('Nota ', seq, ': cliente frecuente, ñandú y café ☕. '), 1 + seq % 4))
FROM seq_1_to_{{CUSTOMERS}};

INSERT INTO products
SELECT seq - {{PRODUCTS}} DIV 2,
       CONCAT('SKU-', LPAD(seq, 9, '0')),
       CONCAT(ELT(1 + seq % 6, 'Cámara', 'Teléfono 📱', 'Café de Olla', 'Pâte à crêpes', 'Ñoquis', 'Zapatos 👟'), ' ',
              seq),
       (seq * 104729 % 9999900) / 100 + 1,
       (seq % 5000) / 3e0 + 0.001,
       IF(seq % 9 = 0, NULL, JSON_OBJECT('color', ELT(1 + seq % 4, 'rojo', 'azul', 'verde', 'ámbar'),
                                          'size', seq % 50, 'tags', JSON_ARRAY('nuevo', 'oferta', '😀'),
                                          'ratio', seq / 3e0)),
       IF(seq % 4 = 0, NULL, REPEAT(UNHEX(SHA2(seq, 512)), 4 + seq % 28)),
       IF(seq % 6 = 0, NULL, REPEAT(CONCAT('Descripción del producto ', seq, '. '), 1 + seq % 10))
FROM seq_1_to_{{PRODUCTS}};

INSERT INTO orders
SELECT seq * 10,
       3000000000 + 1 + (seq * 7919) % {{CUSTOMERS}},
       1 + seq % 6,
       TIMESTAMP'2018-01-01 00:00:00' + INTERVAL seq * 11 SECOND + INTERVAL (seq * 13) % 1000000 MICROSECOND,
       IF(seq % 3 = 0, NULL, TIMESTAMP'2018-01-02 00:00:00' + INTERVAL seq * 11 SECOND
                              + INTERVAL (seq * 31) % 1000000 MICROSECOND),
       (seq * 15485863 % 100000000) / 100,
       ELT(1 + seq % 3, 'MXN', 'EUR', 'USD'),
       (seq % 256) - 128,
       IF(seq % 4 <> 0, NULL, JSON_OBJECT('channel', ELT(1 + seq % 3, 'web', 'app', 'teléfono'), 'coupon',
                                           IF(seq % 8 = 0, NULL, CONCAT('C', seq))))
FROM seq_1_to_{{ORDERS}};

INSERT INTO order_items (id, order_id, product_id, qty, unit_price, discount, delta, flags, line_note, created_at)
SELECT seq,
       10 * (1 + (seq - 1) DIV 4 % {{ORDERS}}),
       1 + (seq * 31) % {{PRODUCTS}} - {{PRODUCTS}} DIV 2,
       1 + seq % 65535 % 20,
       (seq * 7919 % 500000) / 100 + 0.5,
       IF(seq % 3 = 0, NULL, (seq % 1000) / 1e3),
       (seq * 2654435761) % 2000000001 - 1000000000,
       seq % 256,
       IF(seq % 2 = 0, NULL, ELT(1 + seq % 5, 'sin cebolla', 'envío exprés 🚚', 'regalo 🎁', 'façon spéciale',
                                 CONCAT('nota ', seq))),
       TIMESTAMP'2018-01-01 00:00:00' + INTERVAL seq * 3 SECOND + INTERVAL (seq * 17) % 1000000 MICROSECOND
FROM seq_1_to_{{ITEMS}};

INSERT INTO documents
SELECT seq,
       3000000000 + 1 + (seq * 104729) % {{CUSTOMERS}},
       1 + seq % 3,
       CONCAT('Factura nº ', seq, ' — año ', 2015 + seq % 10),
       REPEAT(UNHEX(SHA2(CONCAT('doc', seq), 512)), 128 + (seq * 37) % 896),
       TIMESTAMP'2020-01-01 00:00:00' + INTERVAL seq HOUR
FROM seq_1_to_{{DOCUMENTS}};

INSERT INTO audit_log
SELECT ELT(1 + (seq DIV 2) % 4, 'login', 'logout', 'pedido creado', 'contraseña cambiada'),
       IF((seq DIV 2) % 10 = 0, NULL, 1 + (seq DIV 2) % 1000),
       TIMESTAMP'2021-01-01 00:00:00' + INTERVAL (seq DIV 2) SECOND,
       IF((seq DIV 2) % 3 = 0, NULL, CONCAT('{"ip":"10.0.', seq DIV 2 % 256, '.', seq DIV 2 % 200, '"}'))
FROM seq_1_to_{{AUDIT}};

CREATE VIEW order_totals AS
  SELECT o.id AS order_id, o.customer_id, COUNT(*) AS line_count, SUM(i.qty * i.unit_price) AS amount
  FROM orders o JOIN order_items i ON i.order_id = o.id GROUP BY o.id, o.customer_id;

CREATE TRIGGER customers_touch BEFORE UPDATE ON customers FOR EACH ROW SET NEW.notes = COALESCE(NEW.notes, OLD.notes);

-- Fresh statistics, so that information_schema.TABLES gives the size on disk.
ANALYZE TABLE customers, products, orders, order_items, documents, audit_log;

-- Written last: run.sh reuses the database only when this row says it is complete and of the same size and version.
CREATE TABLE bench_generated (
  items     BIGINT NOT NULL,
  version   INT NOT NULL,
  generated TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (items)
) ENGINE=InnoDB;
INSERT INTO bench_generated (items, version) VALUES ({{ITEMS}}, {{VERSION}});
