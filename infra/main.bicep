// FlexMigrate on Azure: the Functions app that runs migrations, its storage (durable state and artifacts), monitoring,
// and a Key Vault with the source/target connection strings, read by the app through Key Vault references with its
// managed identity. Walkthrough: docs/azure.md.
//
// Plan: Elastic Premium (EP1 by default), because
//   - activities run long (a table copy, the binlog tail of an online migration): host.json sets functionTimeout -1,
//     which Premium allows, and on scale-in Premium gives running executions up to 60 minutes to finish;
//   - at least one always-ready instance: no cold start, so the online-replication loop and durable timers keep their pace;
//   - VNet integration, to reach MySQL servers that have private access only;
//   - the Durable Functions Azure Storage backend is long proven there.
// Flex Consumption also has VNet and long executions, but scales to zero instances per function group between bursts;
// a migration is one long steady workload, which EP1 fits at a predictable price.

targetScope = 'resourceGroup'

@description('Azure region for every resource.')
param location string = resourceGroup().location

@description('Short prefix of resource names (letters, digits and hyphens, 3-11 characters; hyphens are dropped from the storage account name).')
@minLength(3)
@maxLength(11)
param namePrefix string = 'flexmigrate'

@description('Function App name (globally unique: it becomes <name>.azurewebsites.net).')
param functionAppName string = '${namePrefix}-${uniqueString(resourceGroup().id)}'

@description('Storage account name for durable state and artifacts (globally unique, 3-24 lower-case letters and digits).')
@minLength(3)
@maxLength(24)
param storageAccountName string = toLower(take('${replace(namePrefix, '-', '')}${uniqueString(resourceGroup().id)}', 24))

@description('Key Vault name (globally unique, 3-24 characters).')
@minLength(3)
@maxLength(24)
param keyVaultName string = take('${namePrefix}-${uniqueString(resourceGroup().id)}', 24)

@description('Elastic Premium plan size: EP1 (1 core, 3.5 GB), EP2, EP3.')
@allowed([
  'EP1'
  'EP2'
  'EP3'
])
param planSku string = 'EP1'

@description('Most instances the plan may scale out to.')
@minValue(1)
@maxValue(20)
param maximumInstances int = 4

@description('Optional: id of a subnet delegated to Microsoft.Web/serverFarms, for VNet integration (servers with private access). Empty: no VNet.')
param vnetIntegrationSubnetId string = ''

@description('Optional: source connection string to store in Key Vault now. Empty: set the secret later (docs/azure.md).')
@secure()
param sourceConnectionString string = ''

@description('Optional: target connection string to store in Key Vault now. Empty: set the secret later (docs/azure.md).')
@secure()
param targetConnectionString string = ''

@description('Days Log Analytics keeps logs and metrics.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Blob container of the per-migration artifacts (reports, schema snapshot, payloads).')
param artifactsContainerName string = 'flexmigrate'

@description('Replication lag, in seconds, above which the lag alert fires (online migrations).')
@minValue(1)
param lagAlertThresholdSeconds int = 300

@description('Optional: e-mail address for the alerts (migration failed, replication lag, cutover undone). Empty: portal only.')
param alertEmail string = ''

var sourceSecretName = 'flexmigrate-source'
var targetSecretName = 'flexmigrate-target'
var hasSubnet = !empty(vnetIntegrationSubnetId)
// Built-in role definition ids: https://learn.microsoft.com/azure/role-based-access-control/built-in-roles
var keyVaultSecretsUserRole = '4633458b-17de-408a-b874-0445c86b69e6'
var storageBlobDataContributorRole = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${namePrefix}-logs-${uniqueString(resourceGroup().id)}'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${functionAppName}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
  }
}

// The "FlexMigrate migrations" workbook and the alert rules, on the same Application Insights (docs/azure.md).
module monitoring 'monitoring.bicep' = {
  name: 'flexmigrate-monitoring'
  params: {
    location: location
    applicationInsightsId: insights.id
    namePrefix: namePrefix
    lagThresholdSeconds: lagAlertThresholdSeconds
    alertEmail: alertEmail
  }
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource artifactsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: artifactsContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    // Access by Azure RBAC roles (the app gets Key Vault Secrets User below), not by access policies.
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
  }
}

resource sourceSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(sourceConnectionString)) {
  parent: vault
  name: sourceSecretName
  properties: {
    value: sourceConnectionString
  }
}

resource targetSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(targetConnectionString)) {
  parent: vault
  name: targetSecretName
  properties: {
    value: targetConnectionString
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${functionAppName}-plan'
  location: location
  kind: 'elastic'
  sku: {
    name: planSku
    tier: 'ElasticPremium'
  }
  properties: {
    reserved: true // Linux
    maximumElasticWorkerCount: maximumInstances
  }
}

// Elastic Premium keeps the app's files on an Azure Files share, which takes a key-based connection string; the
// durable state uses the same account.
var storageConnectionString = 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: functionAppName
  location: location
  kind: 'functionapp,linux'
  // How `azd deploy` finds the app for the service "functions" of azure.yaml.
  tags: {
    'azd-service-name': 'functions'
  }
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: 'SystemAssigned'
    virtualNetworkSubnetId: hasSubnet ? vnetIntegrationSubnetId : null
    vnetRouteAllEnabled: hasSubnet
    siteConfig: {
      linuxFxVersion: 'DOTNET-ISOLATED|10.0'
      minimumElasticInstanceCount: 1
      functionAppScaleLimit: maximumInstances
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        {
          name: 'FUNCTIONS_EXTENSION_VERSION'
          value: '~4'
        }
        {
          name: 'FUNCTIONS_WORKER_RUNTIME'
          value: 'dotnet-isolated'
        }
        {
          name: 'AzureWebJobsStorage'
          value: storageConnectionString
        }
        {
          name: 'WEBSITE_CONTENTAZUREFILECONNECTIONSTRING'
          value: storageConnectionString
        }
        {
          name: 'WEBSITE_CONTENTSHARE'
          value: toLower(functionAppName)
        }
        {
          name: 'WEBSITE_RUN_FROM_PACKAGE'
          value: '1'
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: insights.properties.ConnectionString
        }
        {
          // Resolved by the platform with the app's managed identity; the app sees the plain connection string.
          name: 'ConnectionStrings__source'
          value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${sourceSecretName})'
        }
        {
          name: 'ConnectionStrings__target'
          value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${targetSecretName})'
        }
        {
          // Artifacts are written with the managed identity (Storage Blob Data Contributor below), not the key.
          name: 'FlexMigrate__Artifacts__BlobServiceUri'
          value: storage.properties.primaryEndpoints.blob
        }
        {
          name: 'FlexMigrate__Artifacts__Container'
          value: artifactsContainer.name
        }
      ]
    }
  }
}

resource appReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, app.id, keyVaultSecretsUserRole)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRole)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource appWritesArtifacts 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, app.id, storageBlobDataContributorRole)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributorRole)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

@description('Base URL of the migrations API, e.g. https://<app>.azurewebsites.net/api')
output apiBaseUrl string = 'https://${app.properties.defaultHostName}/api'

@description('The live dashboard (enter the function key on the page, or append #key=<function key>).')
output dashboardUrl string = 'https://${app.properties.defaultHostName}/api/dashboard/'

@description('Resource id of the "FlexMigrate migrations" workbook.')
output workbookId string = monitoring.outputs.workbookId

@description('Function App name, for publishing (az functionapp deployment source config-zip).')
output functionAppName string = app.name

@description('Key Vault holding the secrets flexmigrate-source and flexmigrate-target.')
output keyVaultName string = vault.name

@description('Storage account with the artifacts container.')
output storageAccountName string = storage.name

@description('Object id of the app\'s managed identity: grant it roles on the MySQL servers (docs/azure.md).')
output principalId string = app.identity.principalId
