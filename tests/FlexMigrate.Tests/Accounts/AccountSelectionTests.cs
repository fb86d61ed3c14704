using FlexMigrate.Core.Accounts;

namespace FlexMigrate.Tests.Accounts;

public class AccountSelectionTests
{
    [Fact]
    public void All_and_none()
    {
        Assert.True(AccountSelection.Parse(["all"]).IsAll);
        Assert.True(AccountSelection.Parse(["none"]).IsNone);
        Assert.True(AccountSelection.Parse([]).IsNone);
        Assert.True(AccountSelection.Parse(["all"]).Matches(new AccountName("anyone", "10.1.2.3")));
        Assert.False(AccountSelection.Parse(["none"]).Matches(new AccountName("anyone", "%")));
        Assert.Throws<FormatException>(() => AccountSelection.Parse(["all", "app"]));
    }

    [Theory]
    [InlineData("app", "app", "%", true)]
    [InlineData("app", "app", "10.0.0.1", true)]
    [InlineData("app", "App", "%", false)]
    [InlineData("app@10.%", "app", "10.%", true)]
    [InlineData("app@10.%", "app", "10.1.2.3", true)]
    [InlineData("app@10.%", "app", "%", false)]
    [InlineData("app@LOCALHOST", "app", "localhost", true)]
    [InlineData("report_%", "report_eu", "%", true)]
    [InlineData("report_%", "reportXeu", "%", false)]
    [InlineData("'alice@contoso.com'@%", "alice@contoso.com", "%", true)]
    [InlineData("`alice@contoso.com`", "alice@contoso.com", "10.0.0.1", true)]
    [InlineData("alice@contoso.com@%", "alice@contoso.com", "%", true)]
    public void Items_match_user_exactly_and_host_ignoring_case_with_percent_wildcards(string item, string user, string host, bool matches)
    {
        Assert.Equal(matches, AccountSelection.Parse([item]).Matches(new AccountName(user, host)));
    }

    [Fact]
    public void Single_Server_login_form_user_at_servername_selects_the_plain_user()
    {
        var selection = AccountSelection.For(["app@mysingle"], "Server=mysingle.mysql.database.azure.com;User ID=admin@mysingle;Password=x");

        Assert.True(selection.Matches(new AccountName("app", "%")));
        Assert.True(selection.Matches(new AccountName("app", "10.0.0.4")));
    }

    [Fact]
    public void Unmatched_items_are_named()
    {
        var selection = AccountSelection.Parse(["app", "typo@%"]);

        Assert.Equal(["typo@%"], selection.Unmatched([new AccountName("app", "%")]));
    }

    [Theory]
    [InlineData("@host")]
    [InlineData("'unclosed@%")]
    public void Malformed_items_fail(string item)
    {
        Assert.Throws<FormatException>(() => AccountSelection.Parse([item]));
    }
}
