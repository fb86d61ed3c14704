using System.Text;
using System.Text.Unicode;
using FlexMigrate.Core.Schema.Ddl;

namespace FlexMigrate.Core.Sql;

/// <summary>
/// A statement as the exact bytes its client sent, in that client's character set. The engine sends these bytes back
/// unchanged (under the same character_set_client), so literals, comments and names keep their bytes whatever the
/// character set; rewrites it needs (DEFINER, OR REPLACE, IF EXISTS) are ASCII edits at byte offsets found by
/// tokenizing <see cref="Mask"/>, which has one character per byte.
/// </summary>
public sealed class StatementBytes
{
    private readonly byte[] _bytes;
    private string? _mask;
    private string? _text;

    /// <param name="bytes">The statement (not copied: do not change the array afterwards).</param>
    /// <param name="charset">The character set the bytes are in.</param>
    public StatementBytes(byte[] bytes, SqlCharset charset)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(charset);
        _bytes = bytes;
        Charset = charset;
    }

    /// <summary>The bytes to send.</summary>
    public ReadOnlyMemory<byte> Bytes => _bytes;

    public SqlCharset Charset { get; }

    /// <summary>SQL the engine wrote itself (<see cref="FromText"/>), not bytes a client sent.</summary>
    public bool IsEngineText { get; private init; }

    /// <summary>One character per byte (see <see cref="SqlCharset.Mask"/>): token offsets in it are byte offsets.</summary>
    public string Mask => _mask ??= Charset.Mask(_bytes);

    /// <summary>The text for reading (classification, names, messages); never sent.</summary>
    public string Text => _text ??= Charset.Decode(_bytes);

    /// <summary>Engine-written SQL, sent as UTF-8 under utf8mb4.</summary>
    public static StatementBytes FromText(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        return new StatementBytes(Encoding.UTF8.GetBytes(sql), SqlCharset.Utf8Mb4) { IsEngineText = true };
    }

    /// <summary>Tokens of <see cref="Mask"/> (offsets are byte offsets).</summary>
    public IReadOnlyList<SqlToken> Tokens(bool backslashEscapes = true) => SqlTokenizer.Tokenize(Mask, backslashEscapes);

    /// <summary>The bytes of [<paramref name="offset"/>, +<paramref name="length"/>) read as text (e.g. a definer for a note).</summary>
    public string TextOf(int offset, int length) => Charset.Decode(_bytes.AsSpan(offset, length));

    /// <summary>A copy with bytes [<paramref name="offset"/>, +<paramref name="length"/>) replaced by ASCII <paramref name="ascii"/>.</summary>
    public StatementBytes Replace(int offset, int length, string ascii)
    {
        ArgumentNullException.ThrowIfNull(ascii);
        if (!Ascii.IsValid(ascii))
        {
            throw new ArgumentException("Edits of a statement's bytes must be ASCII (it is sent in its own character set).", nameof(ascii));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset + length, _bytes.Length);
        byte[] edited = [.. _bytes.AsSpan(0, offset), .. Encoding.ASCII.GetBytes(ascii), .. _bytes.AsSpan(offset + length)];
        return new StatementBytes(edited, Charset) { IsEngineText = IsEngineText };
    }

    /// <summary>A copy with bytes [<paramref name="offset"/>, +<paramref name="length"/>) replaced by <paramref name="text"/> in this character set.</summary>
    /// <exception cref="ArgumentException">The character set cannot hold the text.</exception>
    public StatementBytes ReplaceEncoded(int offset, int length, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!Charset.TryEncode(text, out var encoded))
        {
            throw new ArgumentException($"Character set {Charset} cannot hold the replacement text.", nameof(text));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset + length, _bytes.Length);
        byte[] edited = [.. _bytes.AsSpan(0, offset), .. encoded, .. _bytes.AsSpan(offset + length)];
        return new StatementBytes(edited, Charset) { IsEngineText = IsEngineText };
    }

    /// <summary>A copy with ASCII <paramref name="ascii"/> inserted at byte <paramref name="offset"/>.</summary>
    public StatementBytes Insert(int offset, string ascii) => Replace(offset, 0, ascii);

    /// <summary>A copy without bytes [<paramref name="offset"/>, +<paramref name="length"/>).</summary>
    public StatementBytes Remove(int offset, int length) => Replace(offset, length, "");

    /// <summary>
    /// Text the server printed in UTF-8 (SHOW CREATE TABLE) that may carry raw bytes of binary values inside string
    /// literals: MariaDB prints a BINARY column's DEFAULT 0xFF01 as the two bytes between quotes, which no UTF-8 reader
    /// keeps. Such literals become hex literals of the same bytes, which read the same wherever a value goes.
    /// </summary>
    /// <param name="backslashEscapes">False when the text was printed under NO_BACKSLASH_ESCAPES.</param>
    public string Utf8WithHexLiterals(bool backslashEscapes = true)
    {
        if (Utf8.IsValid(_bytes))
        {
            return Encoding.UTF8.GetString(_bytes);
        }

        var sb = new StringBuilder(_bytes.Length);
        foreach (var token in Tokens(backslashEscapes))
        {
            var bytes = _bytes.AsSpan(token.Offset, token.Text.Length);
            sb.Append(token.Kind == SqlTokenKind.StringLiteral && !Utf8.IsValid(bytes)
                ? SqlText.HexLiteral(SqlText.LiteralValue(bytes, !backslashEscapes))
                : Encoding.UTF8.GetString(bytes));
        }

        return sb.ToString();
    }

    public override string ToString() => Text;
}
