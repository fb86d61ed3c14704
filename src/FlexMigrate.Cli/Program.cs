using FlexMigrate.Cli;

return await CliApplication.RunAsync(args, FlexMigrate.Cli.Commands.CommandConsole.System());
