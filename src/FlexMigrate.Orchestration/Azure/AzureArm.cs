using FlexMigrate.Azure.Arm;

namespace FlexMigrate.Orchestration.Azure;

/// <summary>
/// The Resource Manager connection of the Azure activities: the host's registered <see cref="ArmConnection"/> (tests
/// register one for the fake ARM server), else one shared <see cref="ArmConnection.CreateDefault"/> (DefaultAzureCredential:
/// the managed identity in Azure, az login on a workstation), created on first use only.
/// </summary>
internal static class AzureArm
{
    private static readonly Lazy<ArmConnection> Default = new(() => ArmConnection.CreateDefault());

    public static ArmConnection Resolve(ArmConnection? registered) => registered ?? Default.Value;
}
