using System.Text;
using System.Text.Json;

namespace FlexMigrate.Core.Binlog;

/// <summary>
/// Writes a transaction's changes as JSON lines: one object per row change
/// (`{"position","gtid","table":"db.table","op","before","after"}`) or DDL (`{"position","gtid","database","ddl","session"}`,
/// session: the sql_mode, character set and collation ids, time zone the source logged with the statement).
/// Text columns print as strings (UTF-8, or Latin-1 for latin1 collations); binary columns as "0x" hex; DECIMAL and
/// temporal values as their exact literals.
/// </summary>
public sealed class BinlogJsonFormatter(Stream output) : IDisposable
{
    private readonly Utf8JsonWriter _writer = new(output, new JsonWriterOptions { SkipValidation = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    private readonly Stream _output = output;

    /// <summary>The source session the statement ran in (what replay applies before it), non-null settings only.</summary>
    private void WriteSession(Sql.SessionState? session)
    {
        if (session is null)
        {
            return;
        }

        _writer.WriteStartObject("session");
        foreach (var (name, value) in new (string, string?)[]
        {
            ("sqlMode", session.SqlMode), ("characterSetClient", session.CharacterSetClient),
            ("collationConnection", session.CollationConnection), ("collationServer", session.CollationServer),
            ("collationDatabase", session.CollationDatabase), ("timeZone", session.TimeZone), ("lcTimeNames", session.LcTimeNames),
        })
        {
            if (value is not null)
            {
                _writer.WriteString(name, value);
            }
        }

        _writer.WriteEndObject();
    }

    public void Write(BinlogTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var position = transaction.EndPosition.ToString();
        foreach (var change in transaction.Changes)
        {
            _writer.WriteStartObject();
            _writer.WriteString("position", position);
            if (transaction.Gtid is null)
            {
                _writer.WriteNull("gtid");
            }
            else
            {
                _writer.WriteString("gtid", transaction.Gtid);
            }

            if (change is RowChange row)
            {
                _writer.WriteString("table", $"{row.Database}.{row.Table}");
                _writer.WriteString("op", row.Operation switch { RowOperation.Insert => "insert", RowOperation.Update => "update", _ => "delete" });
                WriteImage("before", row.Columns, row.Before);
                WriteImage("after", row.Columns, row.After);
            }
            else if (change is DdlChange ddl)
            {
                _writer.WriteString("database", ddl.Database);
                _writer.WriteString("ddl", ddl.Sql);
                WriteSession(ddl.Session);
            }

            _writer.WriteEndObject();
            _writer.Flush();
            _output.WriteByte((byte)'\n');
            _writer.Reset();
        }
    }

    public void Dispose() => _writer.Dispose();

    private void WriteImage(string name, IReadOnlyList<BinlogColumn> columns, object?[]? values)
    {
        if (values is null)
        {
            _writer.WriteNull(name);
            return;
        }

        _writer.WriteStartObject(name);
        for (var i = 0; i < values.Length; i++)
        {
            _writer.WritePropertyName(columns[i].Name);
            WriteValue(columns[i], values[i]);
        }

        _writer.WriteEndObject();
    }

    private void WriteValue(BinlogColumn column, object? value)
    {
        switch (value)
        {
            case null: _writer.WriteNullValue(); break;
            case long l: _writer.WriteNumberValue(l); break;
            case ulong u: _writer.WriteNumberValue(u); break;
            case int n: _writer.WriteNumberValue(n); break;
            case float f: _writer.WriteNumberValue(f); break;
            case double d: _writer.WriteNumberValue(d); break;
            case string s: _writer.WriteStringValue(s); break;
            case byte[] b: WriteBytes(column, b); break;
            default: _writer.WriteStringValue(value.ToString()); break;
        }
    }

    private void WriteBytes(BinlogColumn column, byte[] bytes)
    {
        if (column.IsBinary || column.CollationId < 0)
        {
            _writer.WriteStringValue("0x" + Convert.ToHexString(bytes));
        }
        else if (column.CollationId is 5 or 8 or 15 or 31 or 47 or 48 or 49 or 94)
        {
            _writer.WriteStringValue(Encoding.Latin1.GetString(bytes));
        }
        else
        {
            _writer.WriteStringValue(bytes);
        }
    }
}
