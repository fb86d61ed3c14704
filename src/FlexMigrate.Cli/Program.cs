using FlexMigrate.Cli;
using FlexMigrate.Cli.Hosting;

if (await ProcessorCountRelauncher.RelaunchIfNeededAsync(args) is { } exitCode)
{
    return exitCode;
}

return await CliApplication.RunAsync(args, FlexMigrate.Cli.Commands.CommandConsole.System());
