using FlexMigrate.Core.Validation;

namespace FlexMigrate.Tests.Validation;

public class DefinitionNormalizerTests
{
    private const string Trigger = "CREATE DEFINER=`app`@`10.0.0.%` TRIGGER trg BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1";

    [Fact]
    public void Definers_are_ignored_unless_the_migration_definer_is_known()
    {
        Assert.Equal("CREATE DEFINER=* TRIGGER trg BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1",
            DefinitionNormalizer.Definer(Trigger, null, ignore: true));
        Assert.Equal("CREATE DEFINER=migrator@% TRIGGER trg BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1",
            DefinitionNormalizer.Definer(Trigger, "'migrator'@'%'", ignore: false));
        Assert.Equal("CREATE DEFINER=app@10.0.0.% TRIGGER trg BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1",
            DefinitionNormalizer.Definer(Trigger, null, ignore: false));
    }

    [Fact]
    public void Intended_migration_changes_are_normalized()
    {
        Assert.Equal("InnoDB", DefinitionNormalizer.Engine("MyISAM", onSource: true));
        Assert.Equal("InnoDB", DefinitionNormalizer.Engine("Aria", onSource: true));
        Assert.Equal("MyISAM", DefinitionNormalizer.Engine("MyISAM", onSource: false));
        Assert.Equal("int unsigned", DefinitionNormalizer.ColumnType("int(10) unsigned"));
        Assert.Equal("varchar(10)", DefinitionNormalizer.ColumnType("varchar(10)"));
        Assert.Equal("on update current_timestamp()", DefinitionNormalizer.Extra("DEFAULT_GENERATED on update current_timestamp()"));
    }
}
