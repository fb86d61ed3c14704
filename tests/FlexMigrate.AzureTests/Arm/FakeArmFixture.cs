namespace FlexMigrate.AzureTests.Arm;

/// <summary>One running <see cref="FakeArmServer"/> per test class; each test starts from <see cref="FakeArmServer.Reset"/>.</summary>
public sealed class FakeArmFixture : IAsyncLifetime
{
    internal FakeArmServer Fake { get; private set; } = null!;

    public async Task InitializeAsync() => Fake = await FakeArmServer.StartAsync();

    public async Task DisposeAsync() => await Fake.DisposeAsync();
}
