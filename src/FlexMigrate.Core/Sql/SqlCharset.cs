using System.Globalization;
using System.Text;

namespace FlexMigrate.Core.Sql;

/// <summary>
/// A MySQL character set as a client uses it to send statement text: which bytes are ASCII characters, and how to read
/// the text. The server keeps a stored object's text in the bytes its creating client sent (in that client's
/// character_set_client), so the engine carries those bytes untouched and only reads them for analysis.
/// </summary>
/// <remarks>
/// Every character set a client may use is ASCII-compatible (ucs2, utf16 and utf32 are refused as
/// character_set_client), so keywords, quotes and punctuation are ASCII bytes. In big5, cp932/sjis, gbk and gb18030 the
/// second byte of a double-byte character can fall in the ASCII range (0x5C '\', 0x60 '`', 0x7C '|'...), which a
/// byte-wise scan would misread (the "5C problem"); <see cref="Mask"/> reads those characters whole, as the server's
/// lexer does (my_ismbchar). Lead/trail ranges: https://dev.mysql.com/doc/refman/8.0/en/charset-asian-sets.html and
/// MariaDB strings/ctype-*.c.
/// </remarks>
public sealed class SqlCharset
{
    /// <summary>Stands for every byte of a non-ASCII character in <see cref="Mask"/>: a letter, so tokenizers see a word character.</summary>
    public const char MaskCharacter = 'ÿ';

    private static readonly Lazy<Dictionary<string, SqlCharset>> Known = new(Build);

    private readonly Func<byte[], int, int>? _doubleByteLength;
    private readonly int? _codePage;

    private SqlCharset(string name, int? codePage, Func<byte[], int, int>? doubleByteLength = null)
    {
        Name = name;
        _codePage = codePage;
        _doubleByteLength = doubleByteLength;
    }

    /// <summary>The MySQL name (utf8mb3 for utf8).</summary>
    public string Name { get; }

    /// <summary>utf8mb4: the engine's own sessions.</summary>
    public static SqlCharset Utf8Mb4 => Of("utf8mb4");

    /// <summary>The character set named <paramref name="name"/> (case-insensitive; "utf8" is utf8mb3). An unknown name is read as ASCII-safe bytes without decoding.</summary>
    public static SqlCharset Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = name.ToLowerInvariant() is "utf8" ? "utf8mb3" : name.ToLowerInvariant();
        return Known.Value.TryGetValue(key, out var known) ? known : new SqlCharset(key, null);
    }

    /// <summary>The character set of a collation id as the binlog writes it (QUERY event Q_CHARSET_CODE), or null for an id no server we know uses.</summary>
    public static SqlCharset? OfCollationId(int id) => CollationIds.CharsetOf(id) is { } name ? Of(name) : null;

    /// <summary>
    /// One character per byte, for tokenizing by byte offset: ASCII bytes stand for themselves; every byte of a
    /// non-ASCII character (a double-byte character's ASCII-range second byte included) becomes <see cref="MaskCharacter"/>.
    /// </summary>
    public string Mask(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var chars = new char[bytes.Length];
        for (var i = 0; i < bytes.Length;)
        {
            var length = _doubleByteLength?.Invoke(bytes, i) ?? 1;
            if (length == 1)
            {
                chars[i] = bytes[i] < 0x80 ? (char)bytes[i] : MaskCharacter;
                i++;
                continue;
            }

            chars.AsSpan(i, length).Fill(MaskCharacter);
            i += length;
        }

        return new string(chars);
    }

    /// <summary>
    /// The text, for reading (names, messages): exact where the bytes are valid and .NET knows the character set; else
    /// character by character as the server's lexer splits them, unreadable ones as U+FFFD (so a double-byte
    /// character's ASCII-range second byte never reads as a quote or backslash).
    /// </summary>
    public string Decode(ReadOnlySpan<byte> bytes) => TryDecode(bytes, out var text) ? text : Lossy(bytes.ToArray());

    /// <summary>Decodes without loss: false when the bytes are not valid in this character set or .NET cannot read it.</summary>
    public bool TryDecode(ReadOnlySpan<byte> bytes, out string text)
    {
        if (System.Text.Ascii.IsValid(bytes))
        {
            text = System.Text.Encoding.ASCII.GetString(bytes);
            return true;
        }

        text = "";
        if (ClientEncoding() is not { } encoding)
        {
            return false;
        }

        try
        {
            text = encoding.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>Text in this character set's bytes; false when a character cannot be written in it or .NET lacks it.</summary>
    public bool TryEncode(string text, out byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(text);
        bytes = [];
        if (System.Text.Ascii.IsValid(text))
        {
            bytes = System.Text.Encoding.ASCII.GetBytes(text);
            return true;
        }

        if (ClientEncoding() is not { } encoding)
        {
            return false;
        }

        try
        {
            bytes = encoding.GetBytes(text);
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }

    public override string ToString() => Name;

    private string Lossy(byte[] bytes)
    {
        var sb = new StringBuilder(bytes.Length);
        for (var i = 0; i < bytes.Length;)
        {
            var length = _doubleByteLength?.Invoke(bytes, i) ?? 1;
            if (length == 1 && bytes[i] < 0x80)
            {
                sb.Append((char)bytes[i]);
            }
            else
            {
                sb.Append(TryDecode(bytes.AsSpan(i, length), out var character) ? character : "\uFFFD");
            }

            i += length;
        }

        return sb.ToString();
    }

    private Encoding? ClientEncoding()
    {
        if (_codePage is not { } codePage)
        {
            return null;
        }

        if (codePage == 65001)
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true);
        }

        System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return System.Text.Encoding.GetEncoding(codePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    // MySQL name -> .NET code page (null: .NET has no such encoding; the bytes still travel exactly, only reading them is lossy).
    // MySQL's latin1 is Windows-1252 (its five undefined bytes map to the C1 controls, as .NET's 1252 does).
    private static Dictionary<string, SqlCharset> Build()
    {
        var all = new List<SqlCharset>
        {
            new("utf8mb4", 65001), new("utf8mb3", 65001), new("ascii", 20127), new("binary", null),
            new("latin1", 1252), new("latin2", 28592), new("latin5", 28599), new("latin7", 28603), new("greek", 28597),
            new("hebrew", 28598), new("cp1250", 1250), new("cp1251", 1251), new("cp1256", 1256), new("cp1257", 1257),
            new("cp850", 850), new("cp852", 852), new("cp866", 866), new("koi8r", 20866), new("koi8u", 21866),
            new("macroman", 10000), new("macce", 10029), new("tis620", 874),
            new("dec8", null), new("hp8", null), new("swe7", null), new("keybcs2", null), new("armscii8", null), new("geostd8", null),
            // Multi-byte sets whose trail bytes are all >= 0x80: ASCII-safe byte by byte.
            new("ujis", 20932), new("eucjpms", 20932), new("euckr", 51949), new("gb2312", 936),
            // Multi-byte sets whose trail bytes can be ASCII.
            new("big5", 950, (b, i) => DoubleByte(b, i, 0xA1, 0xF9, 0x40, 0x7E, 0xA1, 0xFE)),
            new("sjis", 932, ShiftJis), new("cp932", 932, ShiftJis),
            new("gbk", 936, (b, i) => DoubleByte(b, i, 0x81, 0xFE, 0x40, 0x7E, 0x80, 0xFE)),
            new("gb18030", 54936, Gb18030),
        };
        return all.ToDictionary(c => c.Name, StringComparer.Ordinal);
    }

    private static int DoubleByte(byte[] b, int i, int leadLow, int leadHigh, int trailLow1, int trailHigh1, int trailLow2, int trailHigh2) =>
        i + 1 < b.Length && b[i] >= leadLow && b[i] <= leadHigh
        && ((b[i + 1] >= trailLow1 && b[i + 1] <= trailHigh1) || (b[i + 1] >= trailLow2 && b[i + 1] <= trailHigh2)) ? 2 : 1;

    // Lead 0x81-0x9F or 0xE0-0xFC, trail 0x40-0x7E or 0x80-0xFC (single-byte katakana 0xA1-0xDF stand alone).
    private static int ShiftJis(byte[] b, int i) =>
        (b[i] is >= 0x81 and <= 0x9F or >= 0xE0 and <= 0xFC) ? DoubleByte(b, i, b[i], b[i], 0x40, 0x7E, 0x80, 0xFC) : 1;

    // Two bytes (lead 0x81-0xFE, trail 0x40-0x7E/0x80-0xFE) or four (lead, 0x30-0x39, lead, 0x30-0x39).
    private static int Gb18030(byte[] b, int i)
    {
        if (i + 3 < b.Length && b[i] >= 0x81 && b[i] <= 0xFE && b[i + 1] is >= 0x30 and <= 0x39
            && b[i + 2] >= 0x81 && b[i + 2] <= 0xFE && b[i + 3] is >= 0x30 and <= 0x39)
        {
            return 4;
        }

        return DoubleByte(b, i, 0x81, 0xFE, 0x40, 0x7E, 0x80, 0xFE);
    }

    /// <summary>
    /// Collation ids to character sets. Ids 1-247 are the same on MySQL 5.6-8.0 and MariaDB; 76, 248-250 and 255-323
    /// are MySQL-only (utf8mb3_tolower_ci, gb18030, utf8mb4 0900 collations); 576-767 are MariaDB's extra UCA collations
    /// (a block of 32 per character set) and 1024+n is the NO PAD variant of id n. Read from information_schema.COLLATIONS
    /// of MariaDB 10.11 and the MySQL 8.0 manual (https://dev.mysql.com/doc/refman/8.0/en/information-schema-collations-table.html).
    /// </summary>
    private static class CollationIds
    {
        private const string Table =
            "1:big5 2:latin2 3:dec8 4:cp850 5:latin1 6:hp8 7:koi8r 8:latin1 9:latin2 10:swe7 11:ascii 12:ujis 13:sjis 14:cp1251 "
            + "15:latin1 16:hebrew 18:tis620 19:euckr 20:latin7 21:latin2 22:koi8u 23:cp1251 24:gb2312 25:greek 26:cp1250 27:latin2 "
            + "28:gbk 29:cp1257 30:latin5 31:latin1 32:armscii8 33:utf8mb3 34:cp1250 35:ucs2 36:cp866 37:keybcs2 38:macce "
            + "39:macroman 40:cp852 41-42:latin7 43:macce 44:cp1250 45-46:utf8mb4 47-49:latin1 50-52:cp1251 53:macroman 54-55:utf16 "
            + "56:utf16le 57:cp1256 58-59:cp1257 60-61:utf32 62:utf16le 63:binary 64:armscii8 65:ascii 66:cp1250 67:cp1256 68:cp866 "
            + "69:dec8 70:greek 71:hebrew 72:hp8 73:keybcs2 74:koi8r 75:koi8u 76:utf8mb3 77:latin2 78:latin5 79:latin7 80:cp850 "
            + "81:cp852 82:swe7 83:utf8mb3 84:big5 85:euckr 86:gb2312 87:gbk 88:sjis 89:tis620 90:ucs2 91:ujis 92-93:geostd8 "
            + "94:latin1 95-96:cp932 97-98:eucjpms 99:cp1250 101-124:utf16 128-151:ucs2 159:ucs2 160-183:utf32 192-215:utf8mb3 "
            + "223:utf8mb3 224-247:utf8mb4 248-250:gb18030 255-323:utf8mb4 576-607:utf8mb3 608-639:utf8mb4 640-671:ucs2 "
            + "672-703:utf16 736-767:utf32";

        private static readonly Lazy<Dictionary<int, string>> Ids = new(() =>
        {
            var ids = new Dictionary<int, string>();
            foreach (var entry in Table.Split(' '))
            {
                var (range, name) = (entry[..entry.IndexOf(':', StringComparison.Ordinal)], entry[(entry.IndexOf(':', StringComparison.Ordinal) + 1)..]);
                var dash = range.IndexOf('-', StringComparison.Ordinal);
                var first = int.Parse(dash < 0 ? range : range[..dash], CultureInfo.InvariantCulture);
                var last = dash < 0 ? first : int.Parse(range[(dash + 1)..], CultureInfo.InvariantCulture);
                for (var id = first; id <= last; id++)
                {
                    ids[id] = name;
                }
            }

            return ids;
        });

        public static string? CharsetOf(int id) =>
            Ids.Value.TryGetValue(id is >= 1024 and < 2048 ? id - 1024 : id, out var name) ? name : null;
    }
}
