// Monitoring of migrations in the Azure portal, next to Application Insights: the "FlexMigrate migrations" workbook
// and three log alert rules (a migration failed, replication lag above a threshold, a cutover undone). Every query
// reads only what the worker logs (src/FlexMigrate.Orchestration/Logging/MigrationLogs.cs, checked by
// MonitoringQueryTests). Where to find them in the portal: docs/azure.md, "Watch in the portal".

@description('Azure region of the workbook and alert rules.')
param location string

@description('Resource id of the Application Insights component the Functions app logs to.')
param applicationInsightsId string

@description('Short prefix of the alert rule names.')
param namePrefix string

@description('Replication lag, in seconds, above which the lag alert fires.')
@minValue(1)
param lagThresholdSeconds int = 300

@description('Optional: e-mail address the alerts are sent to. Empty: the alerts fire in the portal only.')
param alertEmail string = ''

var hasEmail = !empty(alertEmail)

resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  // A workbook's resource name must be a GUID; the display name is what the portal lists.
  name: guid(resourceGroup().id, applicationInsightsId, 'flexmigrate-workbook')
  location: location
  kind: 'shared'
  properties: {
    displayName: 'FlexMigrate migrations'
    category: 'workbook'
    sourceId: applicationInsightsId
    serializedData: loadTextContent('monitoring/workbook.json')
  }
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (hasEmail) {
  name: '${namePrefix}-alerts'
  location: 'global'
  properties: {
    groupShortName: take(replace(namePrefix, '-', ''), 12)
    enabled: true
    emailReceivers: [
      {
        name: 'migration-owner'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

var alerts = [
  {
    name: '${namePrefix}-migration-failed'
    displayName: 'FlexMigrate: a migration failed'
    description: 'A migration ended with an error (MigrationLogs event 103). The Error column says what failed and what to do; the migration report is in the artifacts.'
    severity: 1
    query: loadTextContent('monitoring/alert-migration-failed.kql')
    window: 'PT5M'
  }
  {
    name: '${namePrefix}-replication-lag'
    displayName: 'FlexMigrate: replication lag above ${lagThresholdSeconds} s'
    description: 'An online migration replays the source more than ${lagThresholdSeconds} s behind (MigrationLogs event 105). A cutover now would take at least that long.'
    severity: 2
    query: replace(loadTextContent('monitoring/alert-replication-lag.kql'), '{lagThresholdSeconds}', string(lagThresholdSeconds))
    window: 'PT10M'
  }
  {
    name: '${namePrefix}-cutover-undone'
    displayName: 'FlexMigrate: a cutover was undone'
    description: 'A cutover could not finish within its timeout or the target refused a trigger or event (MigrationLogs event 107); it was undone, the source takes writes again and replication goes on.'
    severity: 2
    query: loadTextContent('monitoring/alert-cutover-undone.kql')
    window: 'PT5M'
  }
]

resource alertRules 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [for alert in alerts: {
  name: alert.name
  location: location
  kind: 'LogAlert'
  properties: {
    displayName: alert.displayName
    description: alert.description
    severity: alert.severity
    enabled: true
    scopes: [
      applicationInsightsId
    ]
    evaluationFrequency: 'PT5M'
    windowSize: alert.window
    criteria: {
      allOf: [
        {
          query: alert.query
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          dimensions: [
            {
              name: 'MigrationId'
              operator: 'Include'
              values: [
                '*'
              ]
            }
          ]
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: hasEmail ? [
        actionGroup.id
      ] : []
    }
  }
}]

@description('Resource id of the workbook (Application Insights > Workbooks > FlexMigrate migrations).')
output workbookId string = workbook.id

@description('Names of the alert rules (Monitor > Alerts > Alert rules).')
output alertRuleNames array = [for (alert, i) in alerts: alertRules[i].name]
