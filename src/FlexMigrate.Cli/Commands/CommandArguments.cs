namespace FlexMigrate.Cli.Commands;

/// <summary>
/// Parsed `--name value` / `--flag` arguments of one command. Every option a command reads is declared by the
/// read itself; <see cref="EnsureAllUsed"/> then rejects anything the user typed that no read asked for, so a typo
/// never silently changes behaviour.
/// </summary>
internal sealed class CommandArguments
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private readonly List<string> _positionals = [];

    public CommandArguments(IEnumerable<string> args)
    {
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var a = list[i];
            if (!a.StartsWith("--", StringComparison.Ordinal))
            {
                _positionals.Add(a);
                continue;
            }

            var eq = a.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                _options[a[..eq]] = a[(eq + 1)..];
            }
            else if (i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                _options[a] = list[++i];
            }
            else
            {
                _options[a] = null;
            }
        }
    }

    public IReadOnlyList<string> Positionals => _positionals;

    public bool HelpRequested => _options.ContainsKey("--help") || _positionals.Contains("-h");

    /// <summary>A boolean flag (present or not). A flag given a value is a usage error.</summary>
    public bool Flag(string name)
    {
        _used.Add(name);
        if (!_options.TryGetValue(name, out var value))
        {
            return false;
        }

        if (value is not null)
        {
            // `--json out.json` style: a flag followed by a positional. Put it back as a positional.
            _positionals.Add(value);
            _options[name] = null;
        }

        return true;
    }

    /// <summary>An optional string option; null when absent. Given without a value is a usage error.</summary>
    public string? Option(string name)
    {
        _used.Add(name);
        if (!_options.TryGetValue(name, out var value))
        {
            return null;
        }

        return value ?? throw new UsageException($"{name} needs a value.");
    }

    /// <summary>An option that may also come from an environment variable (so passwords stay out of process lists).</summary>
    public string Required(string name, string? environmentVariable = null)
    {
        var value = Option(name);
        if (value is null && environmentVariable is not null)
        {
            value = Environment.GetEnvironmentVariable(environmentVariable);
        }

        return value ?? throw new UsageException(environmentVariable is null
            ? $"{name} is required."
            : $"{name} is required (or set {environmentVariable}).");
    }

    public string? OptionOrEnvironment(string name, string environmentVariable) =>
        Option(name) ?? Environment.GetEnvironmentVariable(environmentVariable);

    /// <summary>A comma-separated list; empty when absent.</summary>
    public IReadOnlyList<string> List(string name) =>
        Option(name)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    public int Int(string name, int defaultValue, int min, int max)
    {
        var text = Option(name);
        if (text is null)
        {
            return defaultValue;
        }

        if (!int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new UsageException($"{name} takes a whole number from {min} to {max}, not '{text}'.");
        }

        return value;
    }

    public double Double(string name, double defaultValue, double min, double max)
    {
        var text = Option(name);
        if (text is null)
        {
            return defaultValue;
        }

        if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            || value < min || value > max)
        {
            throw new UsageException($"{name} takes a number from {min} to {max}, not '{text}'.");
        }

        return value;
    }

    /// <summary>Fails on any option the command never read: typos must not be ignored.</summary>
    public void EnsureAllUsed()
    {
        var unknown = _options.Keys.Where(k => !_used.Contains(k) && k != "--help").ToList();
        if (unknown.Count > 0)
        {
            throw new UsageException($"Unknown option {string.Join(", ", unknown)}. See --help.");
        }
    }
}
