using System.Text.Json.Nodes;

namespace FlexMigrate.AzureTests.Arm;

/// <summary>Server resources shaped like ARM's responses (REST reference examples for 2023-12-30 and 2017-12-01).</summary>
internal static class ArmFixtures
{
    public static JsonObject FlexibleServer(string id, string name) => new()
    {
        ["id"] = id,
        ["name"] = name,
        ["type"] = "Microsoft.DBforMySQL/flexibleServers",
        ["location"] = "westeurope",
        ["sku"] = new JsonObject { ["name"] = "Standard_D2ds_v4", ["tier"] = "GeneralPurpose" },
        ["properties"] = new JsonObject
        {
            ["administratorLogin"] = "fmadmin",
            ["version"] = "8.0.21",
            ["state"] = "Ready",
            ["fullyQualifiedDomainName"] = $"{name}.mysql.database.azure.com",
            ["storage"] = new JsonObject { ["storageSizeGB"] = 128, ["iops"] = 700, ["autoGrow"] = "Enabled", ["storageSku"] = "Premium_LRS" },
            ["backup"] = new JsonObject { ["backupRetentionDays"] = 7, ["geoRedundantBackup"] = "Disabled" },
            ["highAvailability"] = new JsonObject { ["mode"] = "ZoneRedundant", ["state"] = "Healthy" },
            ["replicationRole"] = "None",
        },
    };

    public static JsonObject SingleServer(string id, string name) => new()
    {
        ["id"] = id,
        ["name"] = name,
        ["type"] = "Microsoft.DBforMySQL/servers",
        ["location"] = "northeurope",
        ["sku"] = new JsonObject { ["name"] = "GP_Gen5_4", ["tier"] = "GeneralPurpose", ["family"] = "Gen5", ["capacity"] = 4 },
        ["properties"] = new JsonObject
        {
            ["administratorLogin"] = "fmadmin",
            ["version"] = "5.7",
            ["sslEnforcement"] = "Enabled",
            ["userVisibleState"] = "Ready",
            ["fullyQualifiedDomainName"] = $"{name}.mysql.database.azure.com",
            ["storageProfile"] = new JsonObject
            {
                ["backupRetentionDays"] = 35, ["geoRedundantBackup"] = "Disabled", ["storageMB"] = 102400, ["storageAutogrow"] = "Disabled",
            },
            ["replicationRole"] = "Master",
            ["masterServerId"] = string.Empty,
            ["replicaCapacity"] = 5,
        },
    };

    /// <summary>Adds a Flexible Server with seven parameters (three pages in the fake's list).</summary>
    public static string AddFlexible(FakeArmServer fake, string name)
    {
        var id = FakeArmServer.FlexibleId(name);
        fake.AddServer(id, FlexibleServer(id, name));
        fake.SetParameter(id, "binlog_expire_logs_seconds", "0");
        fake.SetParameter(id, "innodb_buffer_pool_size", "4294967296", isDynamic: false);
        fake.SetParameter(id, "innodb_io_capacity", "200");
        fake.SetParameter(id, "lower_case_table_names", "1", isReadOnly: true);
        fake.SetParameter(id, "max_allowed_packet", "4194304");
        fake.SetParameter(id, "sql_mode", "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES");
        fake.SetParameter(id, "time_zone", "+00:00");
        return id;
    }

    public static string AddSingle(FakeArmServer fake, string name)
    {
        var id = FakeArmServer.SingleId(name);
        fake.AddServer(id, SingleServer(id, name));
        fake.SetParameter(id, "binlog_row_image", "FULL");
        fake.SetParameter(id, "log_bin", "ON");
        fake.SetParameter(id, "max_allowed_packet", "536870912");
        fake.SetParameter(id, "time_zone", "SYSTEM");
        return id;
    }
}
