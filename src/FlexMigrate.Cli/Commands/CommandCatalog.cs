namespace FlexMigrate.Cli.Commands;

/// <summary>Every sub-command of `flexmigrate`. Add new commands here.</summary>
internal static class CommandCatalog
{
    public static IReadOnlyList<ICommand> All { get; } =
    [
        new MigrateCommand(),
        new PrecheckCommand(),
        new ValidateCommand(),
        new BinlogCommand(),
        new CutoverCommand(),
        new CutoverCommand(Orchestration.Online.OnlineMigrationOrchestrator.RollbackEvent),
        new CutoverCommand(Orchestration.Online.OnlineMigrationOrchestrator.FinishEvent),
        new ControlCommand(),
        new ReplicateCommand(),
        new ResumeCommand(),
        new UsersCommand(),
    ];
}
