using FlexMigrate.Azure.Arm;
using FlexMigrate.Core.Precheck;
using FlexMigrate.Orchestration.Azure;
using FlexMigrate.Orchestration.Contracts;

namespace FlexMigrate.AzureTests.Orchestration;

/// <summary>The pure planning the orchestrator does from the discovered snapshot, and the Azure precheck inputs.</summary>
public class AzureTuningTests
{
    private const string TargetId = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.DBforMySQL/flexibleServers/tgt";

    private static AzureServerInfo Target(bool autoGrow = false, params (string Name, string Value)[] parameters) => new(
        TargetId, AzureServerKind.FlexibleServer, "tgt", "westeurope", "8.0.21", new AzureSku("Standard_D2ds_v4", "GeneralPurpose"),
        128, autoGrow, 7, "Ready", "None", "Disabled", "tgt.mysql.database.azure.com",
        parameters.ToDictionary(p => p.Name, p => p.Value));

    [Fact]
    public void Plan_scales_first_keeping_the_tier_then_sets_the_load_parameters_the_server_has_and_does_not_already_have()
    {
        var target = Target(false, ("max_allowed_packet", "4194304"), ("net_read_timeout", "3600"), ("net_write_timeout", "60"));

        var changes = AzureTuning.Plan(new AzureMigrationOptions(TargetResourceId: TargetId, TuneTarget: true, ScaleTargetSku: "Standard_D8ds_v4"),
            new AzureDiscovery(null, target, []));

        Assert.Equal(
            [
                new AzureChange(TargetId, AzureChangeKind.Sku, "sku", "Standard_D2ds_v4 (GeneralPurpose)", "Standard_D8ds_v4 (GeneralPurpose)"),
                new AzureChange(TargetId, AzureChangeKind.Parameter, "max_allowed_packet", "4194304", "1073741824"),
                new AzureChange(TargetId, AzureChangeKind.Parameter, "net_write_timeout", "60", "3600"),
            ],
            changes);
    }

    [Fact]
    public void Plan_is_empty_without_a_target_without_options_or_when_everything_is_in_place()
    {
        var tuned = Target(false, ("max_allowed_packet", "1073741824"));
        Assert.Empty(AzureTuning.Plan(new AzureMigrationOptions(TuneTarget: true, ScaleTargetSku: "Standard_D8ds_v4"), new AzureDiscovery(null, null, [])));
        Assert.Empty(AzureTuning.Plan(new AzureMigrationOptions(TargetResourceId: TargetId), new AzureDiscovery(null, tuned, [])));
        Assert.Empty(AzureTuning.Plan(new AzureMigrationOptions(TargetResourceId: TargetId, TuneTarget: true, ScaleTargetSku: "Standard_D2ds_v4 (GeneralPurpose)"),
            new AzureDiscovery(null, tuned, [])));
    }

    [Fact]
    public void Free_storage_is_the_provisioned_size_and_unknown_with_auto_grow()
    {
        Assert.Equal(128L * 1024 * 1024 * 1024, AzurePrecheckActivity.FreeStorageBytes(Target()));
        Assert.Null(AzurePrecheckActivity.FreeStorageBytes(Target(autoGrow: true)));
        Assert.Null(AzurePrecheckActivity.FreeStorageBytes(null));
    }

    [Fact]
    public void An_azure_finding_becomes_a_precheck_finding_named_after_the_parameter()
    {
        var finding = AzurePrecheckActivity.ToPrecheck(new AzureFinding(AzureFindingSeverity.Error, "src", "binlog_expire_logs_seconds", "Set it."));

        Assert.Equal(new PrecheckFinding("azure.binlog_expire_logs_seconds", PrecheckSeverity.Error, "src", "Set it.",
            "Azure Resource Manager reports this setting of server src.",
            "Change the Azure setting 'binlog_expire_logs_seconds' of server src (portal: the server's Server parameters or Overview page) as the message says."),
            finding);
    }
}
