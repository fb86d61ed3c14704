using System.Security.Cryptography;
using System.Text;

namespace FlexMigrate.IntegrationTests.Accounts;

/// <summary>One account of the matrix: how to log in and what it may and may not do.</summary>
/// <param name="Account">The account in SQL (`user`@`host`).</param>
/// <param name="User">The login name.</param>
/// <param name="Password">Its password.</param>
/// <param name="Permitted">A statement the account may run (or null to only log in).</param>
/// <param name="Forbidden">A statement the account may not run.</param>
internal sealed record AccountProbe(string Account, string User, string Password, string? Permitted, string? Forbidden);

/// <summary>
/// The account matrix of issue 15 on MariaDB: native passwords (set in plain text and as a hash), several login
/// methods, unix_socket and no password; roles with and without default roles, nested and with ADMIN OPTION; wildcard
/// database, table, column, view and routine grants, WITH GRANT OPTION, global privileges; locked and expired accounts
/// and password lifetimes; TLS requirements; resource limits; a proxy grant; hosts as names, IPs, patterns and
/// netmasks, one user on two hosts; names with spaces, quotes, backticks and non-ASCII letters; and privileges a
/// Flexible Server admin cannot grant. Every name starts with <see cref="Prefix"/>.
/// </summary>
internal static class AccountMatrix
{
    public const string Prefix = "fmu_";
    public const string App = "fmu_app";
    public const string App2 = "fmu_app2";
    public const string Other = "fmu_other";

    public const string SpecialPassword = "p'a\"s\\s w0rd ü€";

    /// <summary>The native hash of "Pw-hash", written by the test itself (SHA1(SHA1(password)), MySQL 4.1+ format).</summary>
    public static string HashOfPwHash => "*" + Convert.ToHexString(SHA1.HashData(SHA1.HashData(Encoding.UTF8.GetBytes("Pw-hash"))));

    public static string Objects => $"""
        CREATE DATABASE {App}; CREATE DATABASE {App2}; CREATE DATABASE {Other};
        CREATE TABLE {App}.t1 (a INT PRIMARY KEY, b INT, c INT); INSERT INTO {App}.t1 VALUES (1, 2, 3);
        CREATE TABLE {App}.t2 (a INT PRIMARY KEY, b INT); INSERT INTO {App}.t2 VALUES (1, 2);
        CREATE TABLE {App2}.t (id INT PRIMARY KEY); INSERT INTO {App2}.t VALUES (1);
        CREATE TABLE {Other}.t (id INT PRIMARY KEY);
        CREATE VIEW {App}.v AS SELECT a, b FROM {App}.t1;
        CREATE PROCEDURE {App}.p() SELECT 1;
        CREATE FUNCTION {App}.f() RETURNS INT DETERMINISTIC RETURN 42;
        """;

    public static string CreateAccounts => $"""
        CREATE USER fmu_ro@'%' IDENTIFIED BY 'Pw-ro'; GRANT SELECT ON {App}.* TO fmu_ro@'%';
        CREATE USER fmu_rw@'%' IDENTIFIED BY 'Pw-rw'; GRANT SELECT, INSERT, UPDATE, DELETE ON {App}.* TO fmu_rw@'%';
        CREATE USER fmu_wild_esc@'%' IDENTIFIED BY 'Pw-we'; GRANT SELECT ON `fmu\_app%`.* TO fmu_wild_esc@'%';
        CREATE USER fmu_wild@'%' IDENTIFIED BY 'Pw-wi'; GRANT SELECT ON `fmu_app_`.* TO fmu_wild@'%';
        CREATE USER fmu_tbl@'%' IDENTIFIED BY 'Pw-tb'; GRANT SELECT, INSERT ON {App}.t1 TO fmu_tbl@'%';
        CREATE USER fmu_col@'%' IDENTIFIED BY 'Pw-co'; GRANT SELECT (a, b), UPDATE (b) ON {App}.t1 TO fmu_col@'%';
        CREATE USER fmu_col2@'%' IDENTIFIED BY 'Pw-c2'; GRANT INSERT (a), REFERENCES (a, b) ON {App}.t2 TO fmu_col2@'%';
        CREATE USER fmu_exec@'%' IDENTIFIED BY 'Pw-ex'; GRANT EXECUTE ON PROCEDURE {App}.p TO fmu_exec@'%';
        CREATE USER fmu_func@'%' IDENTIFIED BY 'Pw-fu'; GRANT EXECUTE ON FUNCTION {App}.f TO fmu_func@'%';
        CREATE USER fmu_routine@'%' IDENTIFIED BY 'Pw-rt'; GRANT ALTER ROUTINE, EXECUTE ON PROCEDURE {App}.p TO fmu_routine@'%';
        CREATE USER fmu_grantor@'%' IDENTIFIED BY 'Pw-go'; GRANT SELECT ON {App}.* TO fmu_grantor@'%' WITH GRANT OPTION;
        CREATE USER fmu_global@'%' IDENTIFIED BY 'Pw-gl'; GRANT SELECT, PROCESS, SHOW DATABASES ON *.* TO fmu_global@'%';
        CREATE USER fmu_view@'%' IDENTIFIED BY 'Pw-vw'; GRANT SELECT, SHOW VIEW ON {App}.v TO fmu_view@'%';
        CREATE USER fmu_trigger@'%' IDENTIFIED BY 'Pw-tr'; GRANT TRIGGER, SELECT ON {App}.t1 TO fmu_trigger@'%';
        CREATE USER fmu_event@'%' IDENTIFIED BY 'Pw-ev'; GRANT EVENT ON {App}.* TO fmu_event@'%';
        CREATE USER fmu_ddl@'%' IDENTIFIED BY 'Pw-dd'; GRANT CREATE, ALTER, INDEX, DROP, CREATE VIEW, CREATE ROUTINE ON {App2}.* TO fmu_ddl@'%';
        CREATE USER fmu_tmp@'%' IDENTIFIED BY 'Pw-tm'; GRANT CREATE TEMPORARY TABLES, LOCK TABLES, SELECT ON {App}.* TO fmu_tmp@'%';
        CREATE USER fmu_repl@'%' IDENTIFIED BY 'Pw-rp'; GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO fmu_repl@'%';
        CREATE USER fmu_creator@'%' IDENTIFIED BY 'Pw-cu'; GRANT CREATE USER ON *.* TO fmu_creator@'%';
        CREATE USER fmu_usage@'%' IDENTIFIED BY 'Pw-us';
        CREATE USER fmu_all_opt@'%' IDENTIFIED BY 'Pw-ao'; GRANT ALL PRIVILEGES ON {App2}.* TO fmu_all_opt@'%' WITH GRANT OPTION;
        CREATE USER fmu_super@'%' IDENTIFIED BY 'Pw-su'; GRANT SUPER, SELECT ON *.* TO fmu_super@'%';
        CREATE USER fmu_file@'%' IDENTIFIED BY 'Pw-fi'; GRANT FILE ON *.* TO fmu_file@'%'; GRANT SELECT ON {App}.* TO fmu_file@'%';
        CREATE USER fmu_shutdown@'%' IDENTIFIED BY 'Pw-sh'; GRANT SHUTDOWN, RELOAD ON *.* TO fmu_shutdown@'%';
        CREATE USER fmu_tblspace@'%' IDENTIFIED BY 'Pw-ts'; GRANT CREATE TABLESPACE, PROCESS ON *.* TO fmu_tblspace@'%';
        CREATE USER fmu_all_db@'%' IDENTIFIED BY 'Pw-ad'; GRANT ALL PRIVILEGES ON {App}.* TO fmu_all_db@'%';
        CREATE USER fmu_all_global@'%' IDENTIFIED BY 'Pw-ag'; GRANT ALL PRIVILEGES ON *.* TO fmu_all_global@'%';
        CREATE USER fmu_dh@'%' IDENTIFIED BY 'Pw-dh'; GRANT DELETE HISTORY, SELECT ON {App}.* TO fmu_dh@'%';
        CREATE USER fmu_slave_mon@'%' IDENTIFIED BY 'Pw-sm'; GRANT SLAVE MONITOR, REPLICATION CLIENT ON *.* TO fmu_slave_mon@'%';
        CREATE USER fmu_conn_admin@'%' IDENTIFIED BY 'Pw-ca'; GRANT CONNECTION ADMIN, PROCESS ON *.* TO fmu_conn_admin@'%';
        CREATE USER fmu_other_tbl@'%' IDENTIFIED BY 'Pw-ot'; GRANT SELECT ON {Other}.t TO fmu_other_tbl@'%'; GRANT SELECT ON {Other}.* TO fmu_other_tbl@'%'; GRANT SELECT ON {App}.t2 TO fmu_other_tbl@'%';
        CREATE ROLE fmu_r_read; GRANT SELECT ON {App}.* TO fmu_r_read;
        CREATE ROLE fmu_r_write; GRANT INSERT, UPDATE ON {App}.* TO fmu_r_write;
        CREATE ROLE fmu_r_admin; GRANT fmu_r_read TO fmu_r_admin; GRANT DELETE ON {App}.* TO fmu_r_admin;
        CREATE USER fmu_role_def@'%' IDENTIFIED BY 'Pw-rd'; GRANT fmu_r_read TO fmu_role_def@'%'; SET DEFAULT ROLE fmu_r_read FOR fmu_role_def@'%';
        CREATE USER fmu_role_nodef@'%' IDENTIFIED BY 'Pw-rn'; GRANT fmu_r_write TO fmu_role_nodef@'%';
        CREATE USER fmu_role_nested@'%' IDENTIFIED BY 'Pw-rz'; GRANT fmu_r_admin TO fmu_role_nested@'%'; SET DEFAULT ROLE fmu_r_admin FOR fmu_role_nested@'%';
        CREATE USER fmu_role_adm@'%' IDENTIFIED BY 'Pw-ra'; GRANT fmu_r_read TO fmu_role_adm@'%' WITH ADMIN OPTION; SET DEFAULT ROLE fmu_r_read FOR fmu_role_adm@'%';
        CREATE USER fmu_role_two@'%' IDENTIFIED BY 'Pw-r2'; GRANT fmu_r_read TO fmu_role_two@'%'; GRANT fmu_r_write TO fmu_role_two@'%'; SET DEFAULT ROLE fmu_r_write FOR fmu_role_two@'%';
        CREATE USER fmu_locked@'%' IDENTIFIED BY 'Pw-lk' ACCOUNT LOCK; GRANT SELECT ON {App}.* TO fmu_locked@'%';
        CREATE USER fmu_expired@'%' IDENTIFIED BY 'Pw-xp'; GRANT SELECT ON {App}.* TO fmu_expired@'%'; ALTER USER fmu_expired@'%' PASSWORD EXPIRE;
        CREATE USER fmu_exp_int@'%' IDENTIFIED BY 'Pw-xi' PASSWORD EXPIRE INTERVAL 90 DAY; GRANT SELECT ON {App}.* TO fmu_exp_int@'%';
        CREATE USER fmu_exp_never@'%' IDENTIFIED BY 'Pw-xn' PASSWORD EXPIRE NEVER;
        CREATE USER fmu_lock_exp@'%' IDENTIFIED BY 'Pw-le' ACCOUNT LOCK PASSWORD EXPIRE INTERVAL 30 DAY; ALTER USER fmu_lock_exp@'%' PASSWORD EXPIRE;
        CREATE USER fmu_tls_ssl@'%' IDENTIFIED BY 'Pw-ss' REQUIRE SSL;
        CREATE USER fmu_tls_x509@'%' IDENTIFIED BY 'Pw-x5' REQUIRE X509;
        CREATE USER fmu_tls_spec@'%' IDENTIFIED BY 'Pw-sp' REQUIRE CIPHER 'ECDHE-RSA-AES256-GCM-SHA384' AND ISSUER '/CN=fmu-ca' AND SUBJECT '/CN=fmu-client';
        CREATE USER fmu_lim_q@'%' IDENTIFIED BY 'Pw-lq' WITH MAX_QUERIES_PER_HOUR 1000 MAX_UPDATES_PER_HOUR 100;
        CREATE USER fmu_lim_conn@'%' IDENTIFIED BY 'Pw-lc' WITH MAX_USER_CONNECTIONS 1 MAX_CONNECTIONS_PER_HOUR 500;
        CREATE USER fmu_lim_stmt@'%' IDENTIFIED BY 'Pw-ls' WITH MAX_STATEMENT_TIME 0.5;
        CREATE USER fmu_multi@'%' IDENTIFIED VIA mysql_native_password USING PASSWORD('Pw-mu') OR ed25519 USING PASSWORD('Pw-mu'); GRANT SELECT ON {App}.* TO fmu_multi@'%';
        CREATE USER fmu_socket@'%' IDENTIFIED VIA unix_socket;
        CREATE USER fmu_nopass@'%'; GRANT SELECT ON {App}.t1 TO fmu_nopass@'%';
        CREATE USER fmu_pw_special@'%' IDENTIFIED BY 'p''a"s\\s w0rd ü€'; GRANT SELECT ON {App}.* TO fmu_pw_special@'%';
        CREATE USER fmu_hash@'%' IDENTIFIED BY PASSWORD '{HashOfPwHash}';
        CREATE USER fmu_h_local@localhost IDENTIFIED BY 'Pw-hl';
        CREATE USER fmu_h_ip@'127.0.0.1' IDENTIFIED BY 'Pw-hi'; GRANT SELECT ON {App}.* TO fmu_h_ip@'127.0.0.1';
        CREATE USER fmu_h_net@'127.0.0.%' IDENTIFIED BY 'Pw-hn';
        CREATE USER fmu_h_mask@'127.0.0.0/255.255.255.0' IDENTIFIED BY 'Pw-hm';
        CREATE USER fmu_h_10@'10.%' IDENTIFIED BY 'Pw-h10';
        CREATE USER fmu_h_name@'app.example.com' IDENTIFIED BY 'Pw-hx';
        CREATE USER fmu_dup@'%' IDENTIFIED BY 'Pw-d1'; GRANT SELECT ON {App}.t1 TO fmu_dup@'%';
        CREATE USER fmu_dup@'127.0.0.1' IDENTIFIED BY 'Pw-d2'; GRANT SELECT ON {App}.t2 TO fmu_dup@'127.0.0.1';
        CREATE USER `fmu_sp ace`@'%' IDENTIFIED BY 'Pw-sa'; GRANT SELECT ON {App}.* TO `fmu_sp ace`@'%';
        CREATE USER `fmu_q'uote`@'%' IDENTIFIED BY 'Pw-qu';
        CREATE USER `fmu_bk``tick`@'%' IDENTIFIED BY 'Pw-bt';
        CREATE USER `fmu_ünï`@'%' IDENTIFIED BY 'Pw-un'; GRANT SELECT ON {App}.* TO `fmu_ünï`@'%';
        CREATE USER fmu_proxied@'%' IDENTIFIED BY 'Pw-pd'; GRANT SELECT ON {App}.* TO fmu_proxied@'%';
        CREATE USER fmu_proxy@'%' IDENTIFIED BY 'Pw-px'; GRANT PROXY ON fmu_proxied@'%' TO fmu_proxy@'%';
        """;

    private const string SelectT1 = $"SELECT * FROM {App}.t1";
    private const string SelectT2 = $"SELECT * FROM {App}.t2";
    private const string InsertT1 = $"INSERT INTO {App}.t1 VALUES (99, 0, 0)";
    private const string CreateTable = $"CREATE TABLE {App}.fmu_never (i INT)";

    public static IReadOnlyList<AccountProbe> Probes { get; } =
    [
        P("fmu_ro", "Pw-ro", SelectT1, InsertT1),
        P("fmu_rw", "Pw-rw", $"DELETE FROM {App}.t2 WHERE 1 = 0", CreateTable),
        P("fmu_wild_esc", "Pw-we", $"SELECT * FROM {App2}.t", $"SELECT * FROM {Other}.t"),
        P("fmu_wild", "Pw-wi", $"SELECT * FROM {App2}.t", SelectT1),
        P("fmu_tbl", "Pw-tb", SelectT1, SelectT2),
        P("fmu_col", "Pw-co", $"SELECT a, b FROM {App}.t1", $"SELECT c FROM {App}.t1"),
        P("fmu_col2", "Pw-c2", $"INSERT INTO {App}.t2 (a) SELECT 1 FROM DUAL WHERE 1 = 0", SelectT2),
        P("fmu_exec", "Pw-ex", $"CALL {App}.p()", $"SELECT {App}.f()"),
        P("fmu_func", "Pw-fu", $"SELECT {App}.f()", $"CALL {App}.p()"),
        P("fmu_routine", "Pw-rt", $"CALL {App}.p()", SelectT1),
        P("fmu_grantor", "Pw-go", SelectT1, InsertT1),
        P("fmu_global", "Pw-gl", "SHOW PROCESSLIST", "CREATE DATABASE fmu_never"),
        P("fmu_view", "Pw-vw", $"SELECT * FROM {App}.v", SelectT1),
        P("fmu_trigger", "Pw-tr", SelectT1, SelectT2),
        P("fmu_event", "Pw-ev", $"SHOW EVENTS FROM {App}", SelectT1),
        P("fmu_ddl", "Pw-dd", $"SHOW CREATE TABLE {App2}.t", $"SELECT * FROM {App2}.t"),
        P("fmu_tmp", "Pw-tm", $"CREATE TEMPORARY TABLE {App}.fmu_tmp (i INT)", CreateTable),
        P("fmu_repl", "Pw-rp", "SHOW MASTER STATUS", SelectT1),
        P("fmu_creator", "Pw-cu", "SELECT 1", SelectT1),
        P("fmu_usage", "Pw-us", "SELECT 1", SelectT1),
        P("fmu_all_opt", "Pw-ao", $"SELECT * FROM {App2}.t", SelectT1),
        P("fmu_super", "Pw-su", SelectT1, "CREATE DATABASE fmu_never"),
        P("fmu_file", "Pw-fi", SelectT1, InsertT1),
        P("fmu_shutdown", "Pw-sh", "FLUSH STATUS", SelectT1),
        P("fmu_tblspace", "Pw-ts", "SHOW PROCESSLIST", SelectT1),
        P("fmu_all_db", "Pw-ad", $"CREATE TEMPORARY TABLE {App}.fmu_tmp (i INT)", $"SELECT * FROM {App2}.t"),
        P("fmu_all_global", "Pw-ag", SelectT1, $"GRANT SELECT ON {App}.* TO fmu_ro@'%'"),
        P("fmu_dh", "Pw-dh", SelectT1, InsertT1),
        P("fmu_slave_mon", "Pw-sm", "SHOW MASTER STATUS", SelectT1),
        P("fmu_conn_admin", "Pw-ca", "SHOW PROCESSLIST", SelectT1),
        P("fmu_other_tbl", "Pw-ot", SelectT2, SelectT1),
        P("fmu_role_def", "Pw-rd", SelectT1, InsertT1),
        P("fmu_role_nodef", "Pw-rn", "SELECT 1", InsertT1),
        P("fmu_role_nested", "Pw-rz", SelectT1, InsertT1),
        P("fmu_role_adm", "Pw-ra", SelectT1, InsertT1),
        P("fmu_role_two", "Pw-r2", $"INSERT INTO {App}.t2 (a) SELECT 1 FROM DUAL WHERE 1 = 0", SelectT1),
        P("fmu_locked", "Pw-lk", SelectT1, InsertT1),
        P("fmu_expired", "Pw-xp", "SELECT 1", SelectT1),
        P("fmu_exp_int", "Pw-xi", SelectT1, InsertT1),
        P("fmu_exp_never", "Pw-xn", "SELECT 1", SelectT1),
        P("fmu_lock_exp", "Pw-le", "SELECT 1", SelectT1),
        P("fmu_tls_ssl", "Pw-ss", "SELECT 1", SelectT1),
        P("fmu_tls_x509", "Pw-x5", "SELECT 1", SelectT1),
        P("fmu_tls_spec", "Pw-sp", "SELECT 1", SelectT1),
        P("fmu_lim_q", "Pw-lq", "SELECT 1", SelectT1),
        P("fmu_lim_conn", "Pw-lc", "SELECT 1", SelectT1),
        P("fmu_lim_stmt", "Pw-ls", "SELECT 1", "SELECT SLEEP(2)"),
        P("fmu_multi", "Pw-mu", SelectT1, InsertT1),
        P("fmu_socket", "", "SELECT 1", SelectT1),
        P("fmu_nopass", "", SelectT1, SelectT2),
        P("fmu_pw_special", SpecialPassword, SelectT1, InsertT1),
        P("fmu_hash", "Pw-hash", "SELECT 1", SelectT1),
        new("`fmu_h_local`@`localhost`", "fmu_h_local", "Pw-hl", "SELECT 1", SelectT1),
        new("`fmu_h_ip`@`127.0.0.1`", "fmu_h_ip", "Pw-hi", SelectT1, InsertT1),
        new("`fmu_h_net`@`127.0.0.%`", "fmu_h_net", "Pw-hn", "SELECT 1", SelectT1),
        new("`fmu_h_mask`@`127.0.0.0/255.255.255.0`", "fmu_h_mask", "Pw-hm", "SELECT 1", SelectT1),
        new("`fmu_h_10`@`10.%`", "fmu_h_10", "Pw-h10", "SELECT 1", SelectT1),
        new("`fmu_h_name`@`app.example.com`", "fmu_h_name", "Pw-hx", "SELECT 1", SelectT1),
        P("fmu_dup", "Pw-d1", SelectT1, SelectT2),
        new("`fmu_dup`@`127.0.0.1`", "fmu_dup", "Pw-d2", SelectT2, $"INSERT INTO {App}.t2 VALUES (99, 0)"),
        P("fmu_sp ace", "Pw-sa", SelectT1, InsertT1),
        P("fmu_q'uote", "Pw-qu", "SELECT 1", SelectT1),
        P("fmu_bk`tick", "Pw-bt", "SELECT 1", SelectT1),
        P("fmu_ünï", "Pw-un", SelectT1, InsertT1),
        P("fmu_proxied", "Pw-pd", SelectT1, InsertT1),
        P("fmu_proxy", "Pw-px", "SELECT 1", SelectT1),
    ];

    /// <summary>The roles (MariaDB roles have no host).</summary>
    public static IReadOnlyList<string> Roles { get; } = ["`fmu_r_read`", "`fmu_r_write`", "`fmu_r_admin`"];

    private static AccountProbe P(string user, string password, string? permitted, string? forbidden) =>
        new($"`{user.Replace("`", "``", StringComparison.Ordinal)}`@`%`", user, password, permitted, forbidden);
}
