using System.Globalization;
using MySqlConnector;

namespace FlexMigrate.Core.Sql;

/// <summary>
/// The IN list of a set query over many names ("@db0, @db1, ...") with their parameter values: one information_schema
/// query for every selected database instead of one per database (the cutover runs these while writes are stopped).
/// </summary>
/// <param name="Placeholders">"@db0, @db1, ..." for <c>... IN (Placeholders)</c>.</param>
/// <param name="Parameters">Name and value of each placeholder.</param>
public sealed record SqlInList(string Placeholders, (string Name, object? Value)[] Parameters)
{
    /// <summary>The list of <paramref name="values"/>, placeholders named <paramref name="prefix"/>0, 1, ...</summary>
    public static SqlInList Of(IEnumerable<string> values, string prefix = "@db")
    {
        ArgumentNullException.ThrowIfNull(values);
        var parameters = values.Select((v, i) => (prefix + i.ToString(CultureInfo.InvariantCulture), (object?)v)).ToArray();
        return new SqlInList(string.Join(", ", parameters.Select(p => p.Item1)), parameters);
    }

    /// <summary>Adds the values to <paramref name="command"/>.</summary>
    public void AddTo(MySqlCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var (name, value) in Parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
    }
}
