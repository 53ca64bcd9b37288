<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>TwinBridge::AboutDialog</name>
    <message>
        <source>About TwinBridge</source>
        <translation>Über TwinBridge</translation>
    </message>
    <message>
        <source>TwinBridge %1</source>
        <translation>TwinBridge %1</translation>
    </message>
    <message>
        <source>A desktop console and integration engine that connects a The Things Stack LoRaWAN application to Azure IoT Hub.</source>
        <translation>Eine Desktop-Konsole und Integrations-Engine, die eine LoRaWAN-Anwendung in The Things Stack mit Azure IoT Hub verbindet.</translation>
    </message>
    <message>
        <source>Built on:</source>
        <translation>Aufgebaut auf:</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>Komponente</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Built with %1</source>
        <translation>Kompiliert mit %1</translation>
    </message>
    <message>
        <source>&amp;Copy Versions</source>
        <translation>Versionen &amp;kopieren</translation>
    </message>
    <message>
        <source>Copy these versions to the clipboard, for example for a bug report.</source>
        <translation>Diese Versionen in die Zwischenablage kopieren, etwa für einen Fehlerbericht.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::ApplicationUp</name>
    <message>
        <source>must be a JSON object.</source>
        <translation>muss ein JSON-Objekt sein.</translation>
    </message>
    <message>
        <source>The message from The Things Stack is not JSON: %1 at byte %2.</source>
        <translation>Die Nachricht von The Things Stack ist kein JSON: %1 bei Byte %2.</translation>
    </message>
    <message>
        <source>The message from The Things Stack is not a JSON object, so it is not an ApplicationUp message.</source>
        <translation>Die Nachricht von The Things Stack ist kein JSON-Objekt und damit keine ApplicationUp-Nachricht.</translation>
    </message>
    <message>
        <source>is missing: every ApplicationUp message names its end device.</source>
        <translation>fehlt: Jede ApplicationUp-Nachricht nennt ihr Endgerät.</translation>
    </message>
    <message>
        <source>The ApplicationUp message carries no message: expected one of %1.</source>
        <translation>Die ApplicationUp-Nachricht enthält keine Nachricht: erwartet wird eine von %1.</translation>
    </message>
    <message>
        <source>The ApplicationUp message carries several messages (%1); TTS sends exactly one.</source>
        <translation>Die ApplicationUp-Nachricht enthält mehrere Nachrichten (%1); TTS sendet genau eine.</translation>
    </message>
    <message>
        <source>normalized uplinks are not forwarded; subscribe to the …/up topic instead.</source>
        <translation>normalisierte Uplinks werden nicht weitergeleitet; abonnieren Sie stattdessen das Topic …/up.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::ArmClient</name>
    <message>
        <source>Azure Resource Manager pointed to an unexpected address (%1). TwinBridge does not send your sign-in there; check the management endpoint in the profile.</source>
        <translation>Azure Resource Manager hat auf eine unerwartete Adresse verwiesen (%1). TwinBridge sendet Ihre Anmeldung nicht dorthin; prüfen Sie den Verwaltungsendpunkt im Profil.</translation>
    </message>
    <message>
        <source>No Azure sign-in is configured. Sign in to Azure first.</source>
        <translation>Es ist keine Azure-Anmeldung eingerichtet. Melden Sie sich zuerst bei Azure an.</translation>
    </message>
    <message>
        <source>“%1” is not a valid subscription id. Choose a subscription from the list.</source>
        <translation>„%1“ ist keine gültige Abonnement-ID. Wählen Sie ein Abonnement aus der Liste.</translation>
    </message>
    <message>
        <source>“%1” is not a valid resource group name. Use 1 to 90 letters, digits, &apos;-&apos;, &apos;_&apos;, &apos;.&apos;, &apos;(&apos; or &apos;)&apos;, not ending in &apos;.&apos;.</source>
        <translation>„%1“ ist kein gültiger Ressourcengruppenname. Verwenden Sie 1 bis 90 Buchstaben, Ziffern, &apos;-&apos;, &apos;_&apos;, &apos;.&apos;, &apos;(&apos; oder &apos;)&apos;, nicht mit &apos;.&apos; am Ende.</translation>
    </message>
    <message>
        <source>“%1” is not a valid deployment name. Use 1 to 64 letters, digits, &apos;-&apos;, &apos;_&apos;, &apos;.&apos;, &apos;(&apos; or &apos;)&apos;.</source>
        <translation>„%1“ ist kein gültiger Bereitstellungsname. Verwenden Sie 1 bis 64 Buchstaben, Ziffern, &apos;-&apos;, &apos;_&apos;, &apos;.&apos;, &apos;(&apos; oder &apos;)&apos;.</translation>
    </message>
    <message>
        <source>list your Azure subscriptions</source>
        <translation>Auflisten Ihrer Azure-Abonnements</translation>
    </message>
    <message>
        <source>list the Azure regions of subscription %1</source>
        <translation>Auflisten der Azure-Regionen des Abonnements %1</translation>
    </message>
    <message>
        <source>read the registration of resource provider %1</source>
        <translation>Lesen der Registrierung des Ressourcenanbieters %1</translation>
    </message>
    <message>
        <source>“%1” is not a resource provider namespace.</source>
        <translation>„%1“ ist kein Namespace eines Ressourcenanbieters.</translation>
    </message>
    <message>
        <source>register resource provider %1</source>
        <translation>Registrieren des Ressourcenanbieters %1</translation>
    </message>
    <message>
        <source>check whether the IoT hub name “%1” is available</source>
        <translation>Prüfen der Verfügbarkeit des IoT-Hub-Namens „%1“</translation>
    </message>
    <message>
        <source>Enter a name for the IoT hub.</source>
        <translation>Geben Sie einen Namen für den IoT-Hub ein.</translation>
    </message>
    <message>
        <source>create resource group %1</source>
        <translation>Erstellen der Ressourcengruppe %1</translation>
    </message>
    <message>
        <source>Choose a region for the resource group.</source>
        <translation>Wählen Sie eine Region für die Ressourcengruppe.</translation>
    </message>
    <message>
        <source>read resource group %1</source>
        <translation>Lesen der Ressourcengruppe %1</translation>
    </message>
    <message>
        <source>delete resource group %1</source>
        <translation>Löschen der Ressourcengruppe %1</translation>
    </message>
    <message>
        <source>validate deployment %1</source>
        <translation>Validieren der Bereitstellung %1</translation>
    </message>
    <message>
        <source>preview the changes of deployment %1 (what-if)</source>
        <translation>Vorschau der Änderungen durch die Bereitstellung %1 (What-If)</translation>
    </message>
    <message>
        <source>deploy %1 to resource group %2</source>
        <translation>Bereitstellen von %1 in der Ressourcengruppe %2</translation>
    </message>
    <message>
        <source>read deployment %1</source>
        <translation>Lesen der Bereitstellung %1</translation>
    </message>
    <message>
        <source>list the operations of deployment %1</source>
        <translation>Auflisten der Vorgänge der Bereitstellung %1</translation>
    </message>
    <message>
        <source>cancel deployment %1</source>
        <translation>Abbrechen der Bereitstellung %1</translation>
    </message>
    <message>
        <source>fetch the access keys of IoT hub %1</source>
        <translation>Abrufen der Zugriffsschlüssel des IoT-Hubs %1</translation>
    </message>
    <message>
        <source>“%1” is not a valid IoT hub name.</source>
        <translation>„%1“ ist kein gültiger IoT-Hub-Name.</translation>
    </message>
    <message>
        <source>fetch the key of policy %1 of IoT hub %2</source>
        <translation>Abrufen des Schlüssels der Richtlinie %1 des IoT-Hubs %2</translation>
    </message>
    <message>
        <source>IoT hub %1 has no shared access policy named “%2” (it has: %3). Choose one of those, or add the policy to the hub.</source>
        <translation>Der IoT-Hub %1 hat keine SAS-Richtlinie namens „%2“ (vorhanden: %3). Wählen Sie eine davon oder fügen Sie die Richtlinie dem Hub hinzu.</translation>
    </message>
    <message>
        <source>list the IoT hubs of subscription %1</source>
        <translation>Auflisten der IoT-Hubs des Abonnements %1</translation>
    </message>
    <message>
        <source>list the resource groups of subscription %1</source>
        <translation>Auflisten der Ressourcengruppen des Abonnements %1</translation>
    </message>
</context>
<context>
    <name>TwinBridge::ArmDeploymentWatcher</name>
    <message>
        <source>watch deployment %1</source>
        <translation>Überwachen der Bereitstellung %1</translation>
    </message>
    <message>
        <source>deploy %1</source>
        <translation>Bereitstellen von %1</translation>
    </message>
    <message>
        <source>The deployment was canceled in Azure.</source>
        <translation>Die Bereitstellung wurde in Azure abgebrochen.</translation>
    </message>
    <message>
        <source>The deployment failed without a reason from Azure. Check the deployment in the Azure portal (resource group → Deployments).</source>
        <translation>Die Bereitstellung ist fehlgeschlagen, ohne dass Azure einen Grund nennt. Prüfen Sie die Bereitstellung im Azure-Portal (Ressourcengruppe → Bereitstellungen).</translation>
    </message>
</context>
<context>
    <name>TwinBridge::ArmErrorView</name>
    <message>
        <source>&amp;Copy details</source>
        <translation>Details &amp;kopieren</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>Error details</source>
        <translation>Fehlerdetails</translation>
    </message>
    <message>
        <source>Copy the error and its details</source>
        <translation>Den Fehler und seine Details kopieren</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Details:</source>
        <translation>Details:</translation>
    </message>
</context>
<context>
    <name>TwinBridge::ArmLongRunningOperation</name>
    <message>
        <source>The operation was canceled in Azure.</source>
        <translation>Der Vorgang wurde in Azure abgebrochen.</translation>
    </message>
    <message>
        <source>Azure reports the operation as failed without giving a reason. Check the activity log of the resource group in the Azure portal.</source>
        <translation>Azure meldet den Vorgang als fehlgeschlagen, ohne einen Grund zu nennen. Prüfen Sie das Aktivitätsprotokoll der Ressourcengruppe im Azure-Portal.</translation>
    </message>
    <message>
        <source>Azure has not finished yet. It continues in the background; check again in a few minutes.</source>
        <translation>Azure ist noch nicht fertig. Der Vorgang läuft im Hintergrund weiter; prüfen Sie in einigen Minuten erneut.</translation>
    </message>
    <message>
        <source>Azure reports the operation as failed without giving a reason. Check the activity log in the Azure portal.</source>
        <translation>Azure meldet den Vorgang als fehlgeschlagen, ohne einen Grund zu nennen. Prüfen Sie das Aktivitätsprotokoll im Azure-Portal.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::AzureCliCredential</name>
    <message>
        <source>The Azure CLI is not signed in, or its sign-in has expired. Run “az login” in a terminal, then try again.</source>
        <translation>Die Azure CLI ist nicht angemeldet oder ihre Anmeldung ist abgelaufen. Führen Sie „az login“ in einem Terminal aus und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>The Azure CLI could not get an access token (exit code %1). Check the details, run “az login” again, or sign in another way.</source>
        <translation>Die Azure CLI konnte kein Zugriffstoken abrufen (Exit-Code %1). Prüfen Sie die Details, führen Sie „az login“ erneut aus oder melden Sie sich auf andere Weise an.</translation>
    </message>
    <message>
        <source>The Azure CLI printed an answer TwinBridge does not understand. Update the Azure CLI, or sign in another way.</source>
        <translation>Die Azure CLI hat eine Antwort ausgegeben, die TwinBridge nicht versteht. Aktualisieren Sie die Azure CLI oder melden Sie sich auf andere Weise an.</translation>
    </message>
    <message>
        <source>Azure CLI</source>
        <translation>Azure CLI</translation>
    </message>
    <message>
        <source>get an Azure token from the Azure CLI</source>
        <translation>Abrufen eines Azure-Tokens über die Azure CLI</translation>
    </message>
    <message>
        <source>The Azure CLI can only get tokens for one “…/.default” scope, not “%1”.</source>
        <translation>Die Azure CLI kann Token nur für einen „…/.default“-Bereich abrufen, nicht für „%1“.</translation>
    </message>
    <message>
        <source>Azure CLI (az) was not found on PATH — install it or sign in another way.</source>
        <translation>Die Azure CLI (az) wurde im PATH nicht gefunden – installieren Sie sie oder melden Sie sich auf andere Weise an.</translation>
    </message>
    <message>
        <source>The Azure CLI did not answer in time. Run “az account get-access-token” in a terminal to see what it waits for.</source>
        <translation>Die Azure CLI hat nicht rechtzeitig geantwortet. Führen Sie „az account get-access-token“ in einem Terminal aus, um zu sehen, worauf sie wartet.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::AzureConnectionTest</name>
    <message>
        <source>Sign-in service reachable</source>
        <translation>Anmeldedienst erreichbar</translation>
    </message>
    <message>
        <source>TLS certificate of the sign-in service</source>
        <translation>TLS-Zertifikat des Anmeldediensts</translation>
    </message>
    <message>
        <source>Sign-in</source>
        <translation>Anmeldung</translation>
    </message>
    <message>
        <source>Management endpoint reachable</source>
        <translation>Verwaltungsendpunkt erreichbar</translation>
    </message>
    <message>
        <source>TLS certificate of the management endpoint</source>
        <translation>TLS-Zertifikat des Verwaltungsendpunkts</translation>
    </message>
    <message>
        <source>Subscription readable</source>
        <translation>Abonnement lesbar</translation>
    </message>
    <message>
        <source>The authority “%1” is not a usable address. Enter e.g. https://login.microsoftonline.com.</source>
        <translation>Die Anmeldeautorität „%1“ ist keine verwendbare Adresse. Geben Sie z. B. https://login.microsoftonline.com ein.</translation>
    </message>
    <message>
        <source>Not tried: the TLS settings are unusable.</source>
        <translation>Nicht versucht: Die TLS-Einstellungen sind unbrauchbar.</translation>
    </message>
    <message>
        <source>Not tried: no sign-in is configured.</source>
        <translation>Nicht versucht: Es ist keine Anmeldung eingerichtet.</translation>
    </message>
    <message>
        <source>No Azure sign-in is configured for this profile.</source>
        <translation>Für dieses Profil ist keine Azure-Anmeldung eingerichtet.</translation>
    </message>
    <message>
        <source>%1 answers.</source>
        <translation>%1 antwortet.</translation>
    </message>
    <message>
        <source>%1 is plain HTTP: tokens would travel unencrypted. Use its https:// address.</source>
        <translation>%1 ist unverschlüsseltes HTTP: Tokens würden unverschlüsselt übertragen. Verwenden Sie die https://-Adresse.</translation>
    </message>
    <message>
        <source>Nobody is signed in to Azure with this profile, and it has no client secret. Sign in on the Deploy page, or enter a service principal&apos;s client secret.</source>
        <translation>Mit diesem Profil ist niemand bei Azure angemeldet, und es hat keinen geheimen Clientschlüssel. Melden Sie sich auf der Seite „Bereitstellen“ an, oder geben Sie den geheimen Clientschlüssel eines Dienstprinzipals ein.</translation>
    </message>
    <message>
        <source>Signed in (%1): Entra ID issued a token for Azure Resource Manager.</source>
        <translation>Angemeldet (%1): Entra ID hat ein Token für Azure Resource Manager ausgestellt.</translation>
    </message>
    <message>
        <source>The profile names no subscription. Enter the subscription ID on the Connections page.</source>
        <translation>Das Profil nennt kein Abonnement. Geben Sie die Abonnement-ID auf der Seite „Verbindungen“ ein.</translation>
    </message>
    <message>
        <source>The subscription “%1” is readable but its state is %2: deployments will fail until it is enabled.</source>
        <translation>Das Abonnement „%1“ ist lesbar, aber sein Status ist %2: Bereitstellungen schlagen fehl, bis es aktiviert ist.</translation>
    </message>
    <message>
        <source>The subscription “%1” is readable.</source>
        <translation>Das Abonnement „%1“ ist lesbar.</translation>
    </message>
    <message>
        <source>read the subscription %1</source>
        <translation>Lesen des Abonnements %1</translation>
    </message>
    <message>
        <source>Resource Manager refused the token (401). Sign in again; check that the tenant ID is the subscription&apos;s tenant.</source>
        <translation>Resource Manager hat das Token abgelehnt (401). Melden Sie sich erneut an; prüfen Sie, ob die Mandanten-ID die des Abonnements ist.</translation>
    </message>
    <message>
        <source>The signed-in identity may not read the subscription %1 (403). Give it a role on the subscription (Reader to test, Contributor to deploy).</source>
        <translation>Die angemeldete Identität darf das Abonnement %1 nicht lesen (403). Weisen Sie ihr eine Rolle für das Abonnement zu („Leser“ zum Testen, „Mitwirkender“ zum Bereitstellen).</translation>
    </message>
    <message>
        <source>The subscription %1 was not found, or the signed-in identity has no access to it. Check the subscription ID and the tenant ID.</source>
        <translation>Das Abonnement %1 wurde nicht gefunden, oder die angemeldete Identität hat keinen Zugriff darauf. Prüfen Sie die Abonnement-ID und die Mandanten-ID.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::AzureDeployer</name>
    <message>
        <source>register %1</source>
        <translation>Registrieren von %1</translation>
    </message>
    <message>
        <source>A deployment is already running. Wait for it to finish or cancel it first.</source>
        <translation>Es läuft bereits eine Bereitstellung. Warten Sie, bis sie abgeschlossen ist, oder brechen Sie sie zuerst ab.</translation>
    </message>
    <message>
        <source>deploy %1</source>
        <translation>Bereitstellen von %1</translation>
    </message>
    <message>
        <source>The deployment was canceled. Resources it already created stay in resource group %1: deploy again to complete them, or uninstall to remove them.</source>
        <translation>Die Bereitstellung wurde abgebrochen. Bereits erstellte Ressourcen bleiben in der Ressourcengruppe %1: Stellen Sie erneut bereit, um sie zu vervollständigen, oder deinstallieren Sie, um sie zu entfernen.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::AzureTargetPage</name>
    <message>
        <source>Where in Azure</source>
        <translation>Wo in Azure</translation>
    </message>
    <message>
        <source>Choose the subscription that pays for the resources, the region they run in and the resource group that holds them.</source>
        <translation>Wählen Sie das Abonnement, das die Ressourcen bezahlt, die Region, in der sie laufen, und die Ressourcengruppe, die sie enthält.</translation>
    </message>
    <message>
        <source>Subscription</source>
        <translation>Abonnement</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>&amp;Subscription:</source>
        <translation>&amp;Abonnement:</translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation>&amp;Region:</translation>
    </message>
    <message>
        <source>Resource group</source>
        <translation>Ressourcengruppe</translation>
    </message>
    <message>
        <source>Create a &amp;new resource group:</source>
        <translation>&amp;Neue Ressourcengruppe erstellen:</translation>
    </message>
    <message>
        <source>Name of the new resource group</source>
        <translation>Name der neuen Ressourcengruppe</translation>
    </message>
    <message>
        <source>Use an &amp;existing resource group:</source>
        <translation>&amp;Vorhandene Ressourcengruppe verwenden:</translation>
    </message>
    <message>
        <source>Existing resource group</source>
        <translation>Vorhandene Ressourcengruppe</translation>
    </message>
    <message>
        <source>Loading</source>
        <translation>Wird geladen</translation>
    </message>
    <message>
        <source>Re&amp;try</source>
        <translation>&amp;Erneut versuchen</translation>
    </message>
    <message>
        <source>Not signed in to Azure: go back and sign in.</source>
        <translation>Nicht bei Azure angemeldet: Gehen Sie zurück und melden Sie sich an.</translation>
    </message>
    <message>
        <source>Loading the subscriptions…</source>
        <translation>Die Abonnements werden geladen…</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>The signed-in account sees no enabled subscription. Ask for the Contributor role on a subscription, or sign in with another account.</source>
        <translation>Das angemeldete Konto sieht kein aktiviertes Abonnement. Bitten Sie um die Rolle „Mitwirkender“ für ein Abonnement, oder melden Sie sich mit einem anderen Konto an.</translation>
    </message>
    <message>
        <source>Loading the regions…</source>
        <translation>Die Regionen werden geladen…</translation>
    </message>
    <message>
        <source>Loading the resource groups…</source>
        <translation>Die Ressourcengruppen werden geladen…</translation>
    </message>
    <message>
        <source>Choose a resource group.</source>
        <translation>Wählen Sie eine Ressourcengruppe.</translation>
    </message>
    <message>
        <source>Enter a name for the new resource group.</source>
        <translation>Geben Sie einen Namen für die neue Ressourcengruppe ein.</translation>
    </message>
    <message>
        <source>A resource group named “%1” exists already. Choose “Use an existing resource group” to deploy into it, or enter another name.</source>
        <translation>Eine Ressourcengruppe namens „%1“ existiert bereits. Wählen Sie „Vorhandene Ressourcengruppe verwenden“, um in ihr bereitzustellen, oder geben Sie einen anderen Namen ein.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::BridgeHealth</name>
    <message>
        <source>The engine is stopped.</source>
        <translation>Die Engine ist angehalten.</translation>
    </message>
    <message>
        <source>TTS MQTT</source>
        <translation>TTS MQTT</translation>
    </message>
    <message>
        <source>Hub REST</source>
        <translation>Hub REST</translation>
    </message>
    <message>
        <source>Hub MQTT</source>
        <translation>Hub MQTT</translation>
    </message>
    <message>
        <source>Ingest</source>
        <translation>Ingest</translation>
    </message>
    <message>
        <source>The engine is starting…</source>
        <translation>Die Engine wird gestartet…</translation>
    </message>
    <message>
        <source>Connecting to The Things Stack…</source>
        <translation>Verbindung mit The Things Stack wird hergestellt…</translation>
    </message>
    <message>
        <source>No request yet: the first message of each device checks its identity in the hub.</source>
        <translation>Noch keine Anfrage: Die erste Nachricht jedes Geräts prüft dessen Identität im Hub.</translation>
    </message>
    <message>
        <source>No message sent yet: the connections open with the first message.</source>
        <translation>Noch keine Nachricht gesendet: Die Verbindungen werden mit der ersten Nachricht geöffnet.</translation>
    </message>
    <message>
        <source>Stopping: finishing the work in flight…</source>
        <translation>Wird angehalten: laufende Arbeit wird abgeschlossen…</translation>
    </message>
    <message>
        <source>The ingest endpoint is turned off in the engine settings.</source>
        <translation>Der Ingest-Endpunkt ist in den Engine-Einstellungen ausgeschaltet.</translation>
    </message>
    <message>
        <source>Listening at %1</source>
        <translation>Empfangsbereit unter %1</translation>
    </message>
    <message>
        <source>Listening at %1; the sandbox&apos;s Function posts here.</source>
        <translation>Empfangsbereit unter %1; die Function der Sandbox sendet hierher.</translation>
    </message>
    <message>
        <source>Subscribed to the application&apos;s messages.</source>
        <translation>Die Nachrichten der Anwendung sind abonniert.</translation>
    </message>
    <message>
        <source>The connection was lost; reconnecting…</source>
        <translation>Die Verbindung ist unterbrochen; neuer Verbindungsaufbau…</translation>
    </message>
    <message numerus="yes">
        <source>Identities checked; %n created by this run.</source>
        <translation>
            <numerusform>Identitäten geprüft; %n in diesem Lauf erstellt.</numerusform>
            <numerusform>Identitäten geprüft; %n in diesem Lauf erstellt.</numerusform>
        </translation>
    </message>
    <message>
        <source>The hub is throttling (429 or busy); the engine backs off and retries.</source>
        <translation>Der Hub drosselt (429 oder ausgelastet); die Engine wartet und versucht es erneut.</translation>
    </message>
    <message numerus="yes">
        <source>%n device connection(s) open; %1 message(s) acknowledged.</source>
        <translation>
            <numerusform>%n Geräteverbindung offen; %1 Nachricht(en) bestätigt.</numerusform>
            <numerusform>%n Geräteverbindungen offen; %1 Nachricht(en) bestätigt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Identities checked; the last one created: %1.</source>
        <translation>Identitäten geprüft; zuletzt erstellt: %1.</translation>
    </message>
    <message>
        <source>Identities checked.</source>
        <translation>Identitäten geprüft.</translation>
    </message>
    <message>
        <source>Messages are acknowledged by the hub.</source>
        <translation>Nachrichten werden vom Hub bestätigt.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::BridgePage</name>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <source>Start the engine for the current profile</source>
        <translation>Die Engine für das aktuelle Profil starten</translation>
    </message>
    <message>
        <source>Stop the engine after finishing the work in flight</source>
        <translation>Die Engine anhalten, nachdem die laufende Arbeit abgeschlossen ist</translation>
    </message>
    <message>
        <source>Pause: keep receiving and storing messages, forward nothing until resumed</source>
        <translation>Pausieren: Nachrichten weiter empfangen und speichern, aber nichts weiterleiten, bis fortgesetzt wird</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Ausblenden</translation>
    </message>
    <message>
        <source>Counters since the engine started</source>
        <translation>Zähler seit dem Start der Engine</translation>
    </message>
    <message>
        <source>Open device connections:</source>
        <translation>Offene Geräteverbindungen:</translation>
    </message>
    <message>
        <source>Latency p50 / p99:</source>
        <translation>Latenz p50 / p99:</translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>Jetzt wiederholen</translation>
    </message>
    <message>
        <source>Discard…</source>
        <translation>Verwerfen…</translation>
    </message>
    <message>
        <source>Try every message that waits for its next attempt now</source>
        <translation>Jede Nachricht, die auf ihren nächsten Versuch wartet, jetzt senden</translation>
    </message>
    <message>
        <source>Remove the messages waiting in the outbox for good (asks first)</source>
        <translation>Die in der Outbox wartenden Nachrichten endgültig entfernen (mit Rückfrage)</translation>
    </message>
    <message>
        <source>Discard the waiting messages of %1…</source>
        <translation>Die wartenden Nachrichten von %1 verwerfen…</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Engine settings</source>
        <translation>Engine-Einstellungen</translation>
    </message>
    <message>
        <source>Received from TTS:</source>
        <translation>Von TTS empfangen:</translation>
    </message>
    <message>
        <source>Forwarded to the hub:</source>
        <translation>An den Hub weitergeleitet:</translation>
    </message>
    <message>
        <source>Given up:</source>
        <translation>Aufgegeben:</translation>
    </message>
    <message>
        <source>D2C messages:</source>
        <translation>D2C-Nachrichten:</translation>
    </message>
    <message>
        <source>Reported patches:</source>
        <translation>Gemeldete Patches:</translation>
    </message>
    <message>
        <source>Identities created:</source>
        <translation>Erstellte Identitäten:</translation>
    </message>
    <message>
        <source>Identity failures:</source>
        <translation>Identitätsfehler:</translation>
    </message>
    <message>
        <source>Ingest events:</source>
        <translation>Ingest-Ereignisse:</translation>
    </message>
    <message>
        <source>Downlinks queued:</source>
        <translation>Eingereihte Downlinks:</translation>
    </message>
    <message>
        <source>Created in TTS:</source>
        <translation>In TTS erstellt:</translation>
    </message>
    <message>
        <source>Deleted in TTS:</source>
        <translation>In TTS gelöscht:</translation>
    </message>
    <message>
        <source>Dropped from TTS:</source>
        <translation>Von TTS verworfen:</translation>
    </message>
    <message>
        <source>Throttled:</source>
        <translation>Gedrosselt:</translation>
    </message>
    <message>
        <source>Reconnects:</source>
        <translation>Neue Verbindungen:</translation>
    </message>
    <message>
        <source>Refused (outbox full):</source>
        <translation>Abgelehnt (Outbox voll):</translation>
    </message>
    <message>
        <source>Stopping the engine before closing: finishing the work in flight…</source>
        <translation>Die Engine wird vor dem Schließen angehalten: laufende Arbeit wird abgeschlossen…</translation>
    </message>
    <message>
        <source>No connection profile selected</source>
        <translation>Kein Verbindungsprofil ausgewählt</translation>
    </message>
    <message>
        <source>Profile: %1 (the engine runs %2)</source>
        <translation>Profil: %1 (die Engine läuft mit %2)</translation>
    </message>
    <message>
        <source>Profile: %1</source>
        <translation>Profil: %1</translation>
    </message>
    <message>
        <source>No connection profile is selected. Choose or create one on the Connections page.</source>
        <translation>Es ist kein Verbindungsprofil ausgewählt. Wählen Sie auf der Seite „Verbindungen“ eines aus, oder legen Sie eines an.</translation>
    </message>
    <message>
        <source>The engine settings have a problem: %1</source>
        <translation>Die Engine-Einstellungen enthalten ein Problem: %1</translation>
    </message>
    <message>
        <source>The engine runs for %1.</source>
        <translation>Die Engine läuft für %1.</translation>
    </message>
    <message>
        <source>The sandbox&apos;s Function now posts twin changes to %1.</source>
        <translation>Die Function der Sandbox sendet Zwillingsänderungen jetzt an %1.</translation>
    </message>
    <message>
        <source>Could not start the engine: %1</source>
        <translation>Die Engine konnte nicht gestartet werden: %1</translation>
    </message>
    <message>
        <source>The engine stopped.</source>
        <translation>Die Engine wurde angehalten.</translation>
    </message>
    <message>
        <source>Paused: messages are stored, not forwarded.</source>
        <translation>Pausiert: Nachrichten werden gespeichert, nicht weitergeleitet.</translation>
    </message>
    <message>
        <source>Resumed: stored messages go out now.</source>
        <translation>Fortgesetzt: Gespeicherte Nachrichten werden jetzt gesendet.</translation>
    </message>
    <message numerus="yes">
        <source>Retrying %n waiting message(s) now.</source>
        <translation>
            <numerusform>%n wartende Nachricht wird jetzt erneut versucht.</numerusform>
            <numerusform>%n wartende Nachrichten werden jetzt erneut versucht.</numerusform>
        </translation>
    </message>
    <message>
        <source>Discard messages</source>
        <translation>Nachrichten verwerfen</translation>
    </message>
    <message numerus="yes">
        <source>Discard the %n message(s) waiting in the outbox? They will never reach IoT Hub or The Things Stack. Messages being sent right now are not affected. This cannot be undone.</source>
        <translation>
            <numerusform>Die %n in der Outbox wartende Nachricht verwerfen? Sie wird IoT Hub oder The Things Stack nie erreichen. Nachrichten, die gerade gesendet werden, sind nicht betroffen. Dies kann nicht rückgängig gemacht werden.</numerusform>
            <numerusform>Die %n in der Outbox wartenden Nachrichten verwerfen? Sie werden IoT Hub oder The Things Stack nie erreichen. Nachrichten, die gerade gesendet werden, sind nicht betroffen. Dies kann nicht rückgängig gemacht werden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Discard every message of %1 waiting in the outbox? They will never reach IoT Hub or The Things Stack. This cannot be undone.</source>
        <translation>Alle in der Outbox wartenden Nachrichten von %1 verwerfen? Sie werden IoT Hub oder The Things Stack nie erreichen. Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message numerus="yes">
        <source>Discarded %n message(s) from the outbox.</source>
        <translation>
            <numerusform>%n Nachricht aus der Outbox verworfen.</numerusform>
            <numerusform>%n Nachrichten aus der Outbox verworfen.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 / %2 ms</source>
        <translation>%1 / %2 ms</translation>
    </message>
    <message numerus="yes">
        <source>Outbox: %n message(s) waiting</source>
        <translation>
            <numerusform>Outbox: %n Nachricht wartet</numerusform>
            <numerusform>Outbox: %n Nachrichten warten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n device(s) waiting for their hub identity</source>
        <translation>
            <numerusform>; %n Gerät wartet auf seine Hub-Identität</numerusform>
            <numerusform>; %n Geräte warten auf ihre Hub-Identität</numerusform>
        </translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Wird gestartet…</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>Paused — storing, not forwarding</source>
        <translation>Pausiert — speichert, leitet nicht weiter</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Stopping — finishing the work in flight…</source>
        <translation>Wird angehalten — laufende Arbeit wird abgeschlossen…</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>TwinBridge::BridgeProfileSettings</name>
    <message>
        <source>The public URL “%1” is not an absolute http:// or https:// URL. Enter the address the Azure Function reaches this engine at, ending in /api/v3, or leave it empty.</source>
        <translation>Die öffentliche URL „%1“ ist keine absolute http://- oder https://-URL. Geben Sie die Adresse ein, unter der die Azure Function diese Engine erreicht, endend auf /api/v3, oder lassen Sie das Feld leer.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::BulkImportResult</name>
    <message>
        <source>The bulk registry result is not valid.</source>
        <translation>Das Ergebnis des Registrierungs-Massenvorgangs ist ungültig.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::ClientSecretCredential</name>
    <message>
        <source>Service principal</source>
        <translation>Dienstprinzipal</translation>
    </message>
    <message>
        <source>sign in to Azure as a service principal</source>
        <translation>Anmelden bei Azure als Dienstprinzipal</translation>
    </message>
    <message>
        <source>A service principal must sign in to a specific tenant, not “%1”. Enter the tenant id (GUID) or domain in the profile.</source>
        <translation>Ein Dienstprinzipal muss sich bei einem bestimmten Mandanten anmelden, nicht bei „%1“. Geben Sie die Mandanten-ID (GUID) oder die Domäne im Profil ein.</translation>
    </message>
    <message>
        <source>No client secret is stored for the service principal. Enter it in the profile.</source>
        <translation>Für den Dienstprinzipal ist kein geheimer Clientschlüssel gespeichert. Geben Sie ihn im Profil ein.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::ClockSkew</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 Tage</translation>
    </message>
    <message>
        <source>This computer&apos;s clock agrees with %1&apos;s.</source>
        <translation>Die Uhr dieses Computers stimmt mit der Uhr %1 überein.</translation>
    </message>
    <message>
        <source>This computer&apos;s clock is %1 ahead of %2&apos;s.</source>
        <translation>Die Uhr dieses Computers geht gegenüber der Uhr %2 um %1 vor.</translation>
    </message>
    <message>
        <source>This computer&apos;s clock is %1 behind %2&apos;s.</source>
        <translation>Die Uhr dieses Computers geht gegenüber der Uhr %2 um %1 nach.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::CloudError</name>
    <message>
        <source>Register the resource provider for the subscription, then try again.</source>
        <translation>Registrieren Sie den Ressourcenanbieter für das Abonnement und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>An Azure Policy of your organisation forbids this. Choose other settings or ask your administrator for an exemption.</source>
        <translation>Eine Azure Policy Ihrer Organisation verbietet dies. Wählen Sie andere Einstellungen oder bitten Sie Ihren Administrator um eine Ausnahme.</translation>
    </message>
    <message>
        <source>Your account lacks the permission for this. Ask an owner of the subscription for the Contributor role on it (or on the resource group), then try again.</source>
        <translation>Ihrem Konto fehlt dafür die Berechtigung. Bitten Sie einen Besitzer des Abonnements, Ihnen die Rolle „Mitwirkender“ dafür (oder für die Ressourcengruppe) zu geben, und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>Check that the subscription exists and that your account can see it.</source>
        <translation>Prüfen Sie, ob das Abonnement existiert und Ihr Konto es sehen kann.</translation>
    </message>
    <message>
        <source>A quota of the subscription is exhausted. Choose a smaller SKU or another region, or request a quota increase.</source>
        <translation>Ein Kontingent des Abonnements ist ausgeschöpft. Wählen Sie eine kleinere SKU oder eine andere Region oder beantragen Sie eine Kontingenterhöhung.</translation>
    </message>
    <message>
        <source>Sign in to Azure again (with the tenant that owns the subscription).</source>
        <translation>Melden Sie sich erneut bei Azure an (bei dem Mandanten, dem das Abonnement gehört).</translation>
    </message>
    <message>
        <source>Sign in to Azure again.</source>
        <translation>Melden Sie sich erneut bei Azure an.</translation>
    </message>
    <message>
        <source>Your account lacks the permission for this. Ask an owner of the subscription for the Contributor role, then try again.</source>
        <translation>Ihrem Konto fehlt dafür die Berechtigung. Bitten Sie einen Besitzer des Abonnements, Ihnen die Rolle „Mitwirkender“ zu geben, und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>Check that it exists and that the right subscription is selected.</source>
        <translation>Prüfen Sie, ob die Ressource existiert und das richtige Abonnement ausgewählt ist.</translation>
    </message>
    <message>
        <source>Wait for other operations on it to finish, or choose another name, then try again.</source>
        <translation>Warten Sie, bis andere Vorgänge an der Ressource abgeschlossen sind, oder wählen Sie einen anderen Namen und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>Azure Resource Manager is throttling requests. Wait a minute, then try again.</source>
        <translation>Azure Resource Manager drosselt die Anfragen. Warten Sie eine Minute und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>This is a problem on Azure&apos;s side. Try again in a few minutes.</source>
        <translation>Das Problem liegt auf der Seite von Azure. Versuchen Sie es in einigen Minuten erneut.</translation>
    </message>
    <message>
        <source>It was changed meanwhile. Reload it, then try again.</source>
        <translation>Die Ressource wurde inzwischen geändert. Laden Sie sie neu und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>Correct the values named above, then try again.</source>
        <translation>Korrigieren Sie die oben genannten Werte und versuchen Sie es dann erneut.</translation>
    </message>
    <message numerus="yes">
        <source>(%n more problem(s) in the details.)</source>
        <translation>
            <numerusform>(%n weiteres Problem in den Details.)</numerusform>
            <numerusform>(%n weitere Probleme in den Details.)</numerusform>
        </translation>
    </message>
    <message>
        <source>Azure Resource Manager answered with HTTP %1.</source>
        <translation>Azure Resource Manager hat mit HTTP %1 geantwortet.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::ConnectionCheck</name>
    <message>
        <source>The Things Stack</source>
        <translation>The Things Stack</translation>
    </message>
    <message>
        <source>IoT Hub</source>
        <translation>IoT Hub</translation>
    </message>
    <message>
        <source>Azure</source>
        <translation>Azure</translation>
    </message>
    <message>
        <source>Not checked yet</source>
        <translation>Noch nicht geprüft</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Bestanden</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
    <message>
        <source>%1: connection test canceled.</source>
        <translation>%1: Verbindungstest abgebrochen.</translation>
    </message>
    <message>
        <source>%1: %2 — %3</source>
        <translation>%1: %2 — %3</translation>
    </message>
    <message>
        <source>%1: connected, with warnings (%2 of %3 checks passed).</source>
        <translation>%1: verbunden, mit Warnungen (%2 von %3 Prüfungen bestanden).</translation>
    </message>
    <message>
        <source>%1: connected (%2 checks passed).</source>
        <translation>%1: verbunden (%2 Prüfungen bestanden).</translation>
    </message>
</context>
<context>
    <name>TwinBridge::ConnectionProfile</name>
    <message>
        <source>“%1” is not a valid URL. Enter a full address such as %2.</source>
        <translation>„%1“ ist keine gültige URL. Geben Sie eine vollständige Adresse ein, etwa %2.</translation>
    </message>
    <message>
        <source>The URL must start with https:// (or http:// for a server on your own network), e.g. %1.</source>
        <translation>Die URL muss mit https:// beginnen (oder mit http:// für einen Server in Ihrem eigenen Netzwerk), z. B. %1.</translation>
    </message>
    <message>
        <source>The URL must start with https://, e.g. %1.</source>
        <translation>Die URL muss mit https:// beginnen, z. B. %1.</translation>
    </message>
    <message>
        <source>Remove the user name and password from the URL; TwinBridge keeps credentials in the OS keychain.</source>
        <translation>Entfernen Sie Benutzername und Kennwort aus der URL; TwinBridge bewahrt Zugangsdaten im Schlüsselbund des Betriebssystems auf.</translation>
    </message>
    <message>
        <source>Remove the query (?…) and fragment (#…) from the URL; enter only the base address, e.g. %1.</source>
        <translation>Entfernen Sie Abfrage (?…) und Fragment (#…) aus der URL; geben Sie nur die Basisadresse ein, z. B. %1.</translation>
    </message>
    <message>
        <source>Enter only the host name, without a scheme such as mqtts://.</source>
        <translation>Geben Sie nur den Hostnamen ein, ohne Schema wie mqtts://.</translation>
    </message>
    <message>
        <source>Enter only the host name, without a path.</source>
        <translation>Geben Sie nur den Hostnamen ein, ohne Pfad.</translation>
    </message>
    <message>
        <source>Enter only the host name; the port has its own field.</source>
        <translation>Geben Sie nur den Hostnamen ein; für den Port gibt es ein eigenes Feld.</translation>
    </message>
    <message>
        <source>“%1” is not a valid host name: use letters, digits, hyphens and dots, e.g. eu1.cloud.thethings.network.</source>
        <translation>„%1“ ist kein gültiger Hostname: Verwenden Sie Buchstaben, Ziffern, Bindestriche und Punkte, z. B. eu1.cloud.thethings.network.</translation>
    </message>
    <message>
        <source>The port %1 is out of range: enter a number from 1 to 65535 (MQTT over TLS usually uses 8883).</source>
        <translation>Der Port %1 liegt außerhalb des gültigen Bereichs: Geben Sie eine Zahl von 1 bis 65535 ein (MQTT über TLS verwendet üblicherweise 8883).</translation>
    </message>
    <message>
        <source>The %1 “%2” is longer than 36 characters, the limit of The Things Stack.</source>
        <translation>Die %1 „%2“ ist länger als 36 Zeichen, die Grenze von The Things Stack.</translation>
    </message>
    <message>
        <source>The %1 “%2” contains capital letters; IDs in The Things Stack use lowercase letters only.</source>
        <translation>Die %1 „%2“ enthält Großbuchstaben; IDs in The Things Stack verwenden nur Kleinbuchstaben.</translation>
    </message>
    <message>
        <source>The %1 “%2” contains “%3”; IDs in The Things Stack use only lowercase letters, digits and hyphens.</source>
        <translation>Die %1 „%2“ enthält „%3“; IDs in The Things Stack verwenden nur Kleinbuchstaben, Ziffern und Bindestriche.</translation>
    </message>
    <message>
        <source>The %1 “%2” must start and end with a letter or digit.</source>
        <translation>Die %1 „%2“ muss mit einem Buchstaben oder einer Ziffer beginnen und enden.</translation>
    </message>
    <message>
        <source>The %1 “%2” has two hyphens in a row; use single hyphens.</source>
        <translation>Die %1 „%2“ enthält zwei Bindestriche hintereinander; verwenden Sie einzelne Bindestriche.</translation>
    </message>
    <message>
        <source>The %1 “%2” is too short: IDs in The Things Stack have at least 3 characters.</source>
        <translation>Die %1 „%2“ ist zu kurz: IDs in The Things Stack haben mindestens 3 Zeichen.</translation>
    </message>
    <message>
        <source>The %1 “%2” is not a valid ID in The Things Stack.</source>
        <translation>Die %1 „%2“ ist keine gültige ID in The Things Stack.</translation>
    </message>
    <message>
        <source>Enter only the host name, e.g. myhub.azure-devices.net, without https://.</source>
        <translation>Geben Sie nur den Hostnamen ein, z. B. myhub.azure-devices.net, ohne https://.</translation>
    </message>
    <message>
        <source>This looks like a connection string. Enter only its host name (e.g. myhub.azure-devices.net); the policy key has its own field.</source>
        <translation>Das sieht wie eine Verbindungszeichenfolge aus. Geben Sie nur deren Hostnamen ein (z. B. myhub.azure-devices.net); für den Richtlinienschlüssel gibt es ein eigenes Feld.</translation>
    </message>
    <message>
        <source>Enter the full host name, e.g. %1.azure-devices.net, not only the hub name.</source>
        <translation>Geben Sie den vollständigen Hostnamen ein, z. B. %1.azure-devices.net, nicht nur den Namen des Hubs.</translation>
    </message>
    <message>
        <source>“%1” is not a valid IoT hub name: use 3–50 letters, digits and hyphens, not ending with a hyphen.</source>
        <translation>„%1“ ist kein gültiger IoT-Hub-Name: Verwenden Sie 3–50 Buchstaben, Ziffern und Bindestriche, nicht mit einem Bindestrich am Ende.</translation>
    </message>
    <message>
        <source>“%1” is not a valid host name.</source>
        <translation>„%1“ ist kein gültiger Hostname.</translation>
    </message>
    <message>
        <source>The CA certificate file “%1” does not exist. Choose the PEM file again.</source>
        <translation>Die CA-Zertifikatsdatei „%1“ existiert nicht. Wählen Sie die PEM-Datei erneut aus.</translation>
    </message>
    <message>
        <source>The CA certificate file “%1” cannot be read. Check its permissions.</source>
        <translation>Die CA-Zertifikatsdatei „%1“ kann nicht gelesen werden. Prüfen Sie ihre Zugriffsrechte.</translation>
    </message>
    <message>
        <source>The file “%1” is too large to be a CA certificate.</source>
        <translation>Die Datei „%1“ ist zu groß für ein CA-Zertifikat.</translation>
    </message>
    <message>
        <source>The CA certificate file “%1” cannot be read: %2.</source>
        <translation>Die CA-Zertifikatsdatei „%1“ kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>The file “%1” contains no PEM certificate (-----BEGIN CERTIFICATE-----). Choose the CA certificate in PEM format.</source>
        <translation>Die Datei „%1“ enthält kein PEM-Zertifikat (-----BEGIN CERTIFICATE-----). Wählen Sie das CA-Zertifikat im PEM-Format.</translation>
    </message>
    <message>
        <source>Enter a name for this profile.</source>
        <translation>Geben Sie einen Namen für dieses Profil ein.</translation>
    </message>
    <message>
        <source>Enter the API base URL of your The Things Stack cluster, e.g. %1.</source>
        <translation>Geben Sie die API-Basis-URL Ihres Clusters von The Things Stack ein, z. B. %1.</translation>
    </message>
    <message>
        <source>Enter the application ID shown in The Things Stack console (e.g. my-sensors).</source>
        <translation>Geben Sie die Anwendungs-ID ein, wie sie die Konsole von The Things Stack anzeigt (z. B. my-sensors).</translation>
    </message>
    <message>
        <source>application ID</source>
        <translation>Anwendungs-ID</translation>
    </message>
    <message>
        <source>tenant ID</source>
        <translation>Mandanten-ID</translation>
    </message>
    <message>
        <source>Enter the name of the IoT Hub shared access policy whose key TwinBridge uses (e.g. iothubowner).</source>
        <translation>Geben Sie den Namen der SAS-Richtlinie des IoT Hub ein, deren Schlüssel TwinBridge verwendet (z. B. iothubowner).</translation>
    </message>
    <message>
        <source>“%1” is not a valid policy name: use at most 64 characters without spaces, “;”, “=”, “&amp;” or “/”.</source>
        <translation>„%1“ ist kein gültiger Richtlinienname: Verwenden Sie höchstens 64 Zeichen ohne Leerzeichen, „;“, „=“, „&amp;“ oder „/“.</translation>
    </message>
    <message>
        <source>Enter the sign-in authority, normally https://login.microsoftonline.com.</source>
        <translation>Geben Sie die Anmeldeautorität ein, normalerweise https://login.microsoftonline.com.</translation>
    </message>
    <message>
        <source>Enter the Azure Resource Manager endpoint, normally https://management.azure.com.</source>
        <translation>Geben Sie den Endpunkt von Azure Resource Manager ein, normalerweise https://management.azure.com.</translation>
    </message>
    <message>
        <source>“%1” is not a directory (tenant) ID: enter a GUID, a domain such as contoso.onmicrosoft.com, or “organizations”.</source>
        <translation>„%1“ ist keine Verzeichnis-ID (Mandanten-ID): Geben Sie eine GUID, eine Domäne wie contoso.onmicrosoft.com oder „organizations“ ein.</translation>
    </message>
    <message>
        <source>“%1” is not a subscription ID: it is a GUID such as 00000000-0000-0000-0000-000000000000.</source>
        <translation>„%1“ ist keine Abonnement-ID: Eine Abonnement-ID ist eine GUID wie 00000000-0000-0000-0000-000000000000.</translation>
    </message>
    <message>
        <source>“%1” is not a client (application) ID: copy the GUID from the app registration&apos;s overview.</source>
        <translation>„%1“ ist keine Client-ID (Anwendungs-ID): Kopieren Sie die GUID aus der Übersicht der App-Registrierung.</translation>
    </message>
    <message>
        <source>This is not a TwinBridge connection profile: the field “format” with the value “%1” is missing.</source>
        <translation>Dies ist kein TwinBridge-Verbindungsprofil: Das Feld „format“ mit dem Wert „%1“ fehlt.</translation>
    </message>
    <message>
        <source>This profile has the format “%1”, which this TwinBridge version cannot read (it reads “%2”). Update TwinBridge.</source>
        <translation>Dieses Profil hat das Format „%1“, das diese TwinBridge-Version nicht lesen kann (sie liest „%2“). Aktualisieren Sie TwinBridge.</translation>
    </message>
    <message>
        <source>looks like a secret. TwinBridge never imports secrets from files: remove the field and enter the secret on the Connections page.</source>
        <translation>sieht wie ein Geheimnis aus. TwinBridge importiert nie Geheimnisse aus Dateien: Entfernen Sie das Feld und geben Sie das Geheimnis auf der Seite „Verbindungen“ ein.</translation>
    </message>
    <message>
        <source>is unknown. It may come from a newer TwinBridge version: update TwinBridge or remove the field.</source>
        <translation>ist unbekannt. Es stammt vielleicht aus einer neueren TwinBridge-Version: Aktualisieren Sie TwinBridge oder entfernen Sie das Feld.</translation>
    </message>
    <message>
        <source>The field “%1” in the profile file %2</source>
        <translation>Das Feld „%1“ in der Profildatei %2</translation>
    </message>
    <message>
        <source>must be a profile ID (a UUID such as 3f2a6c1e-0b7d-4e59-9a61-2d8f0c4b7e15); remove it to get a new one.</source>
        <translation>muss eine Profil-ID sein (eine UUID wie 3f2a6c1e-0b7d-4e59-9a61-2d8f0c4b7e15); entfernen Sie es, um eine neue zu erhalten.</translation>
    </message>
    <message>
        <source>“%1” is not a resource group name: use 1 to 90 letters, digits, hyphens, underscores, periods or parentheses, not ending in a period.</source>
        <translation>„%1“ ist kein Ressourcengruppenname: Verwenden Sie 1 bis 90 Buchstaben, Ziffern, Bindestriche, Unterstriche, Punkte oder Klammern, ohne Punkt am Ende.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::ConnectionStateIndicator</name>
    <message>
        <source>%1: connected</source>
        <translation>%1: verbunden</translation>
    </message>
    <message>
        <source>%1: connected, with warnings</source>
        <translation>%1: verbunden, mit Warnungen</translation>
    </message>
    <message>
        <source>%1: not working</source>
        <translation>%1: funktioniert nicht</translation>
    </message>
    <message>
        <source>%1: checking…</source>
        <translation>%1: wird geprüft…</translation>
    </message>
    <message>
        <source>%1: not checked yet — use “Test connection” on the Connections page</source>
        <translation>%1: noch nicht geprüft — verwenden Sie „Verbindung testen“ auf der Seite „Verbindungen“</translation>
    </message>
</context>
<context>
    <name>TwinBridge::ConnectionTest</name>
    <message>
        <source>Not checked: the test was canceled.</source>
        <translation>Nicht geprüft: Der Test wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Not checked: an earlier step failed.</source>
        <translation>Nicht geprüft: Ein vorheriger Schritt ist fehlgeschlagen.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::ConnectionTestPanel</name>
    <message>
        <source>Test conn&amp;ection</source>
        <translation>Verbindun&amp;g testen</translation>
    </message>
    <message>
        <source>Test The Things Stack, IoT Hub and Azure with this profile (%1)</source>
        <translation>The Things Stack, IoT Hub und Azure mit diesem Profil testen (%1)</translation>
    </message>
    <message>
        <source>TTS</source>
        <translation>TTS</translation>
    </message>
    <message>
        <source>Test only The Things Stack: address, TLS, API key, application, each right the bridge needs, MQTT</source>
        <translation>Nur The Things Stack testen: Adresse, TLS, API-Schlüssel, Anwendung, jedes von der Bridge benötigte Recht, MQTT</translation>
    </message>
    <message>
        <source>IoT Hub</source>
        <translation>IoT Hub</translation>
    </message>
    <message>
        <source>Test only IoT Hub: endpoint, TLS, clock, policy key, each right of the policy, device MQTT</source>
        <translation>Nur IoT Hub testen: Endpunkt, TLS, Uhr, Richtlinienschlüssel, jedes Recht der Richtlinie, Geräte-MQTT</translation>
    </message>
    <message>
        <source>Azure</source>
        <translation>Azure</translation>
    </message>
    <message>
        <source>Test only the Azure sign-in and the subscription</source>
        <translation>Nur die Azure-Anmeldung und das Abonnement testen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop the running tests</source>
        <translation>Die laufenden Tests abbrechen</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Connection test results</source>
        <translation>Ergebnisse des Verbindungstests</translation>
    </message>
    <message>
        <source>Reading the profile&apos;s secrets…</source>
        <translation>Die Geheimnisse des Profils werden gelesen…</translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation>Die Verbindung wird getestet…</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Wird getestet…</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <source>Service&apos;s answer: %1</source>
        <translation>Antwort des Diensts: %1</translation>
    </message>
</context>
<context>
    <name>TwinBridge::ConnectionsPage</name>
    <message>
        <source>Connection profiles</source>
        <translation>Verbindungsprofile</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Neu</translation>
    </message>
    <message>
        <source>Create a new connection profile</source>
        <translation>Ein neues Verbindungsprofil anlegen</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>Delete this profile and its secrets</source>
        <translation>Dieses Profil und seine Geheimnisse löschen</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <source>Add a profile from a file exported by TwinBridge</source>
        <translation>Ein Profil aus einer von TwinBridge exportierten Datei hinzufügen</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;xportieren…</translation>
    </message>
    <message>
        <source>Save this profile to a file, without its secrets</source>
        <translation>Dieses Profil ohne seine Geheimnisse in einer Datei speichern</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>Pro&amp;filname:</translation>
    </message>
    <message>
        <source>e.g. Production (eu1)</source>
        <translation>z. B. Produktion (eu1)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>S&amp;peichern</translation>
    </message>
    <message>
        <source>Check the profile, store its secrets in the keychain and save it</source>
        <translation>Das Profil prüfen, seine Geheimnisse im Schlüsselbund ablegen und es speichern</translation>
    </message>
    <message>
        <source>&amp;Revert</source>
        <translation>&amp;Zurücksetzen</translation>
    </message>
    <message>
        <source>Discard the changes made since the last save</source>
        <translation>Die Änderungen seit dem letzten Speichern verwerfen</translation>
    </message>
    <message>
        <source>&amp;Use this profile</source>
        <translation>Dieses Profil &amp;verwenden</translation>
    </message>
    <message>
        <source>Make TwinBridge connect with this profile</source>
        <translation>TwinBridge mit diesem Profil verbinden lassen</translation>
    </message>
    <message>
        <source>The Things Stack</source>
        <translation>The Things Stack</translation>
    </message>
    <message>
        <source>API base &amp;URL:</source>
        <translation>API-Basis-&amp;URL:</translation>
    </message>
    <message>
        <source>The cluster&apos;s API address, including /api/v3</source>
        <translation>Die API-Adresse des Clusters, einschließlich /api/v3</translation>
    </message>
    <message>
        <source>&amp;Application ID:</source>
        <translation>An&amp;wendungs-ID:</translation>
    </message>
    <message>
        <source>e.g. my-sensors</source>
        <translation>z. B. my-sensors</translation>
    </message>
    <message>
        <source>&amp;Tenant ID:</source>
        <translation>Mandan&amp;ten-ID:</translation>
    </message>
    <message>
        <source>empty for single-tenant deployments; ttn for The Things Network</source>
        <translation>leer bei Installationen mit nur einem Mandanten; ttn für The Things Network</translation>
    </message>
    <message>
        <source>MQTT &amp;host:</source>
        <translation>M&amp;QTT-Host:</translation>
    </message>
    <message>
        <source>empty = the host of the API URL</source>
        <translation>leer = der Host der API-URL</translation>
    </message>
    <message>
        <source>MQTT &amp;port:</source>
        <translation>MQTT-Po&amp;rt:</translation>
    </message>
    <message>
        <source>Use TLS for MQTT</source>
        <translation>TLS für MQTT verwenden</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>API-Schlüss&amp;el:</translation>
    </message>
    <message>
        <source>NNSXS.… (needs rights to read and write the application&apos;s devices and traffic)</source>
        <translation>NNSXS.… (braucht Rechte zum Lesen und Schreiben der Geräte und des Datenverkehrs der Anwendung)</translation>
    </message>
    <message>
        <source>Azure IoT Hub</source>
        <translation>Azure IoT Hub</translation>
    </message>
    <message>
        <source>Host na&amp;me:</source>
        <translation>H&amp;ostname:</translation>
    </message>
    <message>
        <source>The hub&apos;s host name; leave empty until the hub is deployed</source>
        <translation>Der Hostname des Hubs; leer lassen, bis der Hub bereitgestellt ist</translation>
    </message>
    <message>
        <source>REST endpoint:</source>
        <translation>REST-Endpunkt:</translation>
    </message>
    <message>
        <source>empty = https://&lt;host name&gt;</source>
        <translation>leer = https://&lt;Hostname&gt;</translation>
    </message>
    <message>
        <source>MQTT host:</source>
        <translation>MQTT-Host:</translation>
    </message>
    <message>
        <source>empty = the host name</source>
        <translation>leer = der Hostname</translation>
    </message>
    <message>
        <source>MQTT port:</source>
        <translation>MQTT-Port:</translation>
    </message>
    <message>
        <source>Po&amp;licy name:</source>
        <translation>Richtlinienna&amp;me:</translation>
    </message>
    <message>
        <source>Shared access policy with registry read/write, service connect and device connect rights</source>
        <translation>SAS-Richtlinie mit den Berechtigungen RegistryRead, RegistryWrite, ServiceConnect und DeviceConnect</translation>
    </message>
    <message>
        <source>Policy &amp;key:</source>
        <translation>Ri&amp;chtlinienschlüssel:</translation>
    </message>
    <message>
        <source>primary or secondary key of the policy</source>
        <translation>Primär- oder Sekundärschlüssel der Richtlinie</translation>
    </message>
    <message>
        <source>Azure sign-in</source>
        <translation>Azure-Anmeldung</translation>
    </message>
    <message>
        <source>Authority:</source>
        <translation>Anmeldeautorität:</translation>
    </message>
    <message>
        <source>Management endpoint:</source>
        <translation>Verwaltungsendpunkt:</translation>
    </message>
    <message>
        <source>Tenant ID:</source>
        <translation>Mandanten-ID:</translation>
    </message>
    <message>
        <source>GUID, contoso.onmicrosoft.com or organizations</source>
        <translation>GUID, contoso.onmicrosoft.com oder organizations</translation>
    </message>
    <message>
        <source>Subscription ID:</source>
        <translation>Abonnement-ID:</translation>
    </message>
    <message>
        <source>Client ID:</source>
        <translation>Client-ID:</translation>
    </message>
    <message>
        <source>application (client) ID of the app registration</source>
        <translation>Anwendungs-ID (Client-ID) der App-Registrierung</translation>
    </message>
    <message>
        <source>Client secret:</source>
        <translation>Geheimer Clientschlüssel:</translation>
    </message>
    <message>
        <source>only for sign-in as a service principal</source>
        <translation>nur für die Anmeldung als Dienstprinzipal</translation>
    </message>
    <message>
        <source>Events from Azure</source>
        <translation>Ereignisse aus Azure</translation>
    </message>
    <message>
        <source>Ingest key:</source>
        <translation>Ingest-Schlüssel:</translation>
    </message>
    <message>
        <source>the bearer key the Azure Function sends to the ingest endpoint</source>
        <translation>der Bearer-Schlüssel, den die Azure Function an den Ingest-Endpunkt sendet</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>empty = trust the system&apos;s certificate authorities only</source>
        <translation>leer = nur den Zertifizierungsstellen des Systems vertrauen</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>Choose CA certificate</source>
        <translation>CA-Zertifikat auswählen</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt);;All files (*)</source>
        <translation>PEM-Zertifikate (*.pem *.crt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Extra &amp;CA certificate:</source>
        <translation>Zusätzliches CA-Zertifi&amp;kat:</translation>
    </message>
    <message>
        <source>Stored only in the OS keychain. Leave empty to keep the stored %1.</source>
        <translation>Nur im Schlüsselbund des Betriebssystems gespeichert. Leer lassen, um den gespeicherten Wert (%1) zu behalten.</translation>
    </message>
    <message>
        <source>Forget</source>
        <translation>Vergessen</translation>
    </message>
    <message>
        <source>Delete the stored %1 from the keychain</source>
        <translation>Den gespeicherten Wert (%1) aus dem Schlüsselbund löschen</translation>
    </message>
    <message>
        <source>this profile</source>
        <translation>dieses Profil</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>Discard the unsaved changes to “%1”? Secrets typed into the form are discarded too.</source>
        <translation>Die ungespeicherten Änderungen an „%1“ verwerfen? Im Formular eingegebene Geheimnisse werden ebenfalls verworfen.</translation>
    </message>
    <message>
        <source>No connection profile yet. Create one with “New” or import one with “Import…”.</source>
        <translation>Noch kein Verbindungsprofil vorhanden. Legen Sie eines mit „Neu“ an oder importieren Sie eines mit „Importieren…“.</translation>
    </message>
    <message>
        <source>New profile</source>
        <translation>Neues Profil</translation>
    </message>
    <message>
        <source>Fill in the new profile and save it.</source>
        <translation>Füllen Sie das neue Profil aus und speichern Sie es.</translation>
    </message>
    <message numerus="yes">
        <source>Not saved: %n field(s) need fixing, see the messages below them.</source>
        <translation>
            <numerusform>Nicht gespeichert: %n Feld muss korrigiert werden, siehe die Meldung darunter.</numerusform>
            <numerusform>Nicht gespeichert: %n Felder müssen korrigiert werden, siehe die Meldungen darunter.</numerusform>
        </translation>
    </message>
    <message>
        <source>Storing the secrets in the keychain…</source>
        <translation>Geheimnisse werden im Schlüsselbund gespeichert…</translation>
    </message>
    <message>
        <source>The profile was not saved because a secret could not be stored. %1</source>
        <translation>Das Profil wurde nicht gespeichert, weil ein Geheimnis nicht gespeichert werden konnte. %1</translation>
    </message>
    <message>
        <source>Saved the connection profile “%1”.</source>
        <translation>Verbindungsprofil „%1“ gespeichert.</translation>
    </message>
    <message>
        <source>Discarded the new profile.</source>
        <translation>Neues Profil verworfen.</translation>
    </message>
    <message>
        <source>Reverted “%1” to its saved state.</source>
        <translation>„%1“ auf den gespeicherten Stand zurückgesetzt.</translation>
    </message>
    <message>
        <source>Delete connection profile</source>
        <translation>Verbindungsprofil löschen</translation>
    </message>
    <message>
        <source>Delete the connection profile “%1”? Its secrets are deleted from the keychain as well. This cannot be undone.</source>
        <translation>Das Verbindungsprofil „%1“ löschen? Seine Geheimnisse werden ebenfalls aus dem Schlüsselbund gelöscht. Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Deleted the connection profile “%1” and its secrets.</source>
        <translation>Verbindungsprofil „%1“ und seine Geheimnisse gelöscht.</translation>
    </message>
    <message>
        <source>Deleted the connection profile “%1”, but not all of its secrets: %2</source>
        <translation>Verbindungsprofil „%1“ gelöscht, aber nicht alle seine Geheimnisse: %2</translation>
    </message>
    <message>
        <source>Import connection profile</source>
        <translation>Verbindungsprofil importieren</translation>
    </message>
    <message>
        <source>TwinBridge profiles (*.json);;All files (*)</source>
        <translation>TwinBridge-Profile (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Imported “%1”. Enter its secrets and save.</source>
        <translation>„%1“ importiert. Geben Sie die Geheimnisse ein und speichern Sie.</translation>
    </message>
    <message>
        <source>Imported “%1”. Fix the highlighted fields, enter its secrets and save.</source>
        <translation>„%1“ importiert. Korrigieren Sie die markierten Felder, geben Sie die Geheimnisse ein und speichern Sie.</translation>
    </message>
    <message>
        <source>Export connection profile</source>
        <translation>Verbindungsprofil exportieren</translation>
    </message>
    <message>
        <source>TwinBridge profiles (*.json)</source>
        <translation>TwinBridge-Profile (*.json)</translation>
    </message>
    <message>
        <source>Exported the saved state of “%1” to %2, without secrets; unsaved changes are not included.</source>
        <translation>Gespeicherten Stand von „%1“ ohne Geheimnisse nach %2 exportiert; ungespeicherte Änderungen sind nicht enthalten.</translation>
    </message>
    <message>
        <source>Exported “%1” to %2, without secrets.</source>
        <translation>„%1“ ohne Geheimnisse nach %2 exportiert.</translation>
    </message>
    <message>
        <source>Save or revert your changes before using this profile.</source>
        <translation>Speichern Sie Ihre Änderungen oder setzen Sie sie zurück, bevor Sie dieses Profil verwenden.</translation>
    </message>
    <message>
        <source>Fix and save “%1” before using it.</source>
        <translation>Korrigieren und speichern Sie „%1“, bevor Sie es verwenden.</translation>
    </message>
    <message>
        <source>TwinBridge now uses the connection profile “%1”.</source>
        <translation>TwinBridge verwendet jetzt das Verbindungsprofil „%1“.</translation>
    </message>
    <message>
        <source>Forget secret</source>
        <translation>Geheimnis vergessen</translation>
    </message>
    <message>
        <source>Delete the stored %1 of this profile?</source>
        <translation>Den gespeicherten Wert (%1) dieses Profils löschen?</translation>
    </message>
    <message>
        <source>Deleted the stored %1.</source>
        <translation>Gespeicherten Wert (%1) gelöscht.</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>Nicht gesetzt</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <source>New profile, not saved yet.</source>
        <translation>Neues Profil, noch nicht gespeichert.</translation>
    </message>
    <message>
        <source>TwinBridge uses this profile.</source>
        <translation>TwinBridge verwendet dieses Profil.</translation>
    </message>
    <message>
        <source>Not in use. Choose “Use this profile” to connect with it.</source>
        <translation>Nicht in Verwendung. Mit „Dieses Profil verwenden“ verbindet sich TwinBridge damit.</translation>
    </message>
    <message>
        <source>Import from &amp;sandbox.json…</source>
        <translation>Aus sand&amp;box.json importieren…</translation>
    </message>
    <message>
        <source>Add or update the “Sandbox” profile from the sandbox.json that twinbridge-sandbox writes, secrets included</source>
        <translation>Das Profil „Sandbox“ aus der sandbox.json, die twinbridge-sandbox schreibt, anlegen oder aktualisieren, samt Geheimnissen</translation>
    </message>
    <message>
        <source>Import from sandbox.json</source>
        <translation>Aus sandbox.json importieren</translation>
    </message>
    <message>
        <source>Sandbox description (sandbox.json);;JSON files (*.json);;All files (*)</source>
        <translation>Sandbox-Beschreibung (sandbox.json);;JSON-Dateien (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Wait until the secrets being stored are stored, then import sandbox.json again.</source>
        <translation>Warten Sie, bis die Geheimnisse fertig gespeichert sind, und importieren Sie sandbox.json dann erneut.</translation>
    </message>
    <message>
        <source>Storing the sandbox&apos;s secrets…</source>
        <translation>Die Geheimnisse der Sandbox werden gespeichert…</translation>
    </message>
    <message>
        <source>The file carries no secrets.</source>
        <translation>Die Datei enthält keine Geheimnisse.</translation>
    </message>
    <message>
        <source>Kept in memory only, and forgotten when TwinBridge exits: %1.</source>
        <translation>Nur im Arbeitsspeicher gehalten und beim Beenden von TwinBridge vergessen: %1.</translation>
    </message>
    <message>
        <source>Stored in the OS keychain: %1.</source>
        <translation>Im Schlüsselbund des Betriebssystems gespeichert: %1.</translation>
    </message>
    <message>
        <source>No OS keychain</source>
        <translation>Kein Schlüsselbund des Betriebssystems</translation>
    </message>
    <message>
        <source>TwinBridge found no OS keychain (a Secret Service such as GNOME Keyring or KWallet) to store the sandbox&apos;s %1 in, and it never writes secrets to its settings file.

Keep the secrets in memory for this run only? They are forgotten when TwinBridge exits; then import sandbox.json again. With “No” the profile is imported without them.</source>
        <translation>TwinBridge hat keinen Schlüsselbund des Betriebssystems (einen Secret Service wie GNOME Keyring oder KWallet) gefunden, in dem es die Geheimnisse der Sandbox (%1) speichern könnte, und es schreibt Geheimnisse nie in seine Einstellungsdatei.

Sollen die Geheimnisse nur für diese Sitzung im Arbeitsspeicher gehalten werden? Sie werden beim Beenden von TwinBridge vergessen; importieren Sie sandbox.json dann erneut. Mit „Nein“ wird das Profil ohne sie importiert.</translation>
    </message>
    <message>
        <source>It has no secrets: the %1 were not stored because no OS keychain is available. Start a Secret Service and import sandbox.json again, or enter them here and save.</source>
        <translation>Es enthält keine Geheimnisse: Die Geheimnisse (%1) wurden nicht gespeichert, weil kein Schlüsselbund des Betriebssystems verfügbar ist. Starten Sie einen Secret Service und importieren Sie sandbox.json erneut oder geben Sie sie hier ein und speichern Sie.</translation>
    </message>
    <message>
        <source>The %1 could not be stored: %2</source>
        <translation>Die Geheimnisse (%1) konnten nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Updated the connection profile “%1” from sandbox.json.</source>
        <translation>Das Verbindungsprofil „%1“ wurde aus sandbox.json aktualisiert.</translation>
    </message>
    <message>
        <source>Added the connection profile “%1” from sandbox.json.</source>
        <translation>Das Verbindungsprofil „%1“ wurde aus sandbox.json angelegt.</translation>
    </message>
    <message>
        <source>Fix the highlighted fields and save before using it.</source>
        <translation>Korrigieren Sie die markierten Felder und speichern Sie, bevor Sie es verwenden.</translation>
    </message>
    <message>
        <source>Choose a connection profile, or create one, before testing the connection.</source>
        <translation>Wählen Sie ein Verbindungsprofil aus oder legen Sie eines an, bevor Sie die Verbindung testen.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::DecodedPayloadForm</name>
    <message>
        <source>&amp;Write into desired</source>
        <translation>In gewünschte Eigenschaften &amp;eintragen</translation>
    </message>
    <message>
        <source>{&quot;color&quot;: &quot;red&quot;}</source>
        <translation>{&quot;color&quot;: &quot;red&quot;}</translation>
    </message>
    <message>
        <source>An object the device&apos;s downlink payload encoder accepts. TTS encodes it and sends it on the FPort the encoder chooses.</source>
        <translation>Ein Objekt, das der Downlink-Nutzlast-Encoder des Geräts akzeptiert. TTS codiert es und sendet es auf dem FPort, den der Encoder wählt.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::DeployCommand</name>
    <message>
        <source>The command; it comes first.</source>
        <translation>Der Befehl; er steht an erster Stelle.</translation>
    </message>
    <message>
        <source>The profile file (exported from the console). Required.</source>
        <translation>Die Profildatei (aus der Konsole exportiert). Erforderlich.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Signs in to the ARM stand-in of the twinbridge-sandbox that wrote &lt;file&gt;.</source>
        <translation>Meldet sich beim ARM-Ersatz der twinbridge-sandbox an, die &lt;file&gt; geschrieben hat.</translation>
    </message>
    <message>
        <source>Signs in with the Azure CLI&apos;s current login (&apos;az login&apos;).</source>
        <translation>Meldet sich mit der aktuellen Anmeldung der Azure CLI an (&apos;az login&apos;).</translation>
    </message>
    <message>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>The Azure region, e.g. westeurope (required for deploy; update keeps the group&apos;s).</source>
        <translation>Die Azure-Region, z. B. westeurope (für deploy erforderlich; update behält die der Gruppe).</translation>
    </message>
    <message>
        <source>region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>The subscription ID (default: the profile&apos;s azure.subscriptionId).</source>
        <translation>Die Abonnement-ID (Standard: azure.subscriptionId des Profils).</translation>
    </message>
    <message>
        <source>id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Suffix of every resource name, 3–13 lower-case letters, digits or hyphens (default: the first 8 characters of the profile id).</source>
        <translation>Suffix jedes Ressourcennamens, 3–13 Kleinbuchstaben, Ziffern oder Bindestriche (Standard: die ersten 8 Zeichen der Profil-ID).</translation>
    </message>
    <message>
        <source>suffix</source>
        <translation>Suffix</translation>
    </message>
    <message>
        <source>IoT Hub tier: F1, S1 (default), S2 or S3.</source>
        <translation>IoT-Hub-Tarif: F1, S1 (Standard), S2 oder S3.</translation>
    </message>
    <message>
        <source>tier</source>
        <translation>Tarif</translation>
    </message>
    <message>
        <source>IoT Hub units (default 1).</source>
        <translation>IoT-Hub-Einheiten (Standard: 1).</translation>
    </message>
    <message>
        <source>count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>Event Hubs tier: Basic, Standard (default) or Premium.</source>
        <translation>Event-Hubs-Tarif: Basic, Standard (Standard) oder Premium.</translation>
    </message>
    <message>
        <source>Storage tier: Standard_LRS (default), Standard_GRS, Standard_ZRS or Standard_RAGRS.</source>
        <translation>Speichertarif: Standard_LRS (Standard), Standard_GRS, Standard_ZRS oder Standard_RAGRS.</translation>
    </message>
    <message>
        <source>Leaves out the fallback route (telemetry then no longer reaches the hub&apos;s built-in endpoint).</source>
        <translation>Lässt die Fallback-Route weg (Telemetrie erreicht dann nicht mehr den integrierten Endpunkt des Hubs).</translation>
    </message>
    <message>
        <source>Where the Function posts twin changes: &quot;tts&quot; (The Things Stack&apos;s own integration, with the TTS API key from TWINBRIDGE_TTS_API_KEY or the keychain; default) or &quot;engine&quot; (the TwinBridge engine&apos;s ingest endpoint at --ingest-url, with the ingest key from TWINBRIDGE_INGEST_KEY or the keychain, generated and stored when there is none).</source>
        <translation>Wohin die Function Zwillingsänderungen sendet: &quot;tts&quot; (die eigene Integration von The Things Stack, mit dem TTS-API-Schlüssel aus TWINBRIDGE_TTS_API_KEY oder dem Schlüsselbund; Standard) oder &quot;engine&quot; (der Ingest-Endpunkt der TwinBridge-Engine unter --ingest-url, mit dem Ingest-Schlüssel aus TWINBRIDGE_INGEST_KEY oder dem Schlüsselbund, der erzeugt und gespeichert wird, wenn keiner vorhanden ist).</translation>
    </message>
    <message>
        <source>target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>With --target engine: the public address of the engine&apos;s ingest endpoint, ending in /api/v3.</source>
        <translation>Mit --target engine: die öffentliche Adresse des Ingest-Endpunkts der Engine, endend auf /api/v3.</translation>
    </message>
    <message>
        <source>url</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Changes Azure without asking (needed when standard input is no terminal).</source>
        <translation>Ändert Azure ohne Rückfrage (nötig, wenn die Standardeingabe kein Terminal ist).</translation>
    </message>
    <message>
        <source>Run &apos;twinbridged %1 --help&apos; for the options.</source>
        <translation>Führen Sie &apos;twinbridged %1 --help&apos; aus, um die Optionen zu sehen.</translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos;.</source>
        <translation>unerwartetes Argument &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>give the profile with --config &lt;file&gt;.</source>
        <translation>geben Sie das Profil mit --config &lt;file&gt; an.</translation>
    </message>
    <message>
        <source>cannot read the profile file %1: %2</source>
        <translation>die Profildatei %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>the profile file %1 is not a JSON object (%2).</source>
        <translation>die Profildatei %1 ist kein JSON-Objekt (%2).</translation>
    </message>
    <message>
        <source>--target must be tts or engine, not &apos;%1&apos;.</source>
        <translation>--target muss tts oder engine sein, nicht &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>--target engine needs --ingest-url &lt;url&gt;: the public address of the engine&apos;s ingest endpoint, ending in /api/v3.</source>
        <translation>--target engine benötigt --ingest-url &lt;url&gt;: die öffentliche Adresse des Ingest-Endpunkts der Engine, endend auf /api/v3.</translation>
    </message>
    <message>
        <source>--ingest-url is only for --target engine.</source>
        <translation>--ingest-url gilt nur für --target engine.</translation>
    </message>
    <message>
        <source>deploy needs --location &lt;region&gt;, e.g. westeurope.</source>
        <translation>deploy benötigt --location &lt;region&gt;, z. B. westeurope.</translation>
    </message>
    <message>
        <source>--sku must be one of %1, not &apos;%2&apos;.</source>
        <translation>--sku muss einer der Werte %1 sein, nicht &apos;%2&apos;.</translation>
    </message>
    <message>
        <source>--units must be a whole number.</source>
        <translation>--units muss eine ganze Zahl sein.</translation>
    </message>
    <message>
        <source>nothing was sent to Azure. Run &apos;twinbridged %1 --help&apos; for the options.</source>
        <translation>es wurde nichts an Azure gesendet. Führen Sie &apos;twinbridged %1 --help&apos; aus, um die Optionen zu sehen.</translation>
    </message>
    <message>
        <source>%1 has no Azure client secret (an older twinbridge-sandbox?): start a current one.</source>
        <translation>%1 enthält keinen geheimen Azure-Clientschlüssel (eine ältere twinbridge-sandbox?): Starten Sie eine aktuelle.</translation>
    </message>
    <message>
        <source>no Azure sign-in: give --sandbox &lt;sandbox.json&gt;, set %1, %2 and %3 for a service principal, or give --azure-cli to use &apos;az login&apos;.</source>
        <translation>keine Azure-Anmeldung: Geben Sie --sandbox &lt;sandbox.json&gt; an, setzen Sie %1, %2 und %3 für einen Dienstprinzipal, oder geben Sie --azure-cli an, um &apos;az login&apos; zu verwenden.</translation>
    </message>
    <message>
        <source>[%1] deployment %2: %3</source>
        <translation>[%1] Bereitstellung %2: %3</translation>
    </message>
    <message>
        <source>[%1] %2: %3</source>
        <translation>[%1] %2: %3</translation>
    </message>
    <message>
        <source>[%1] fetching the key of policy %2</source>
        <translation>[%1] Schlüssel der Richtlinie %2 wird abgerufen</translation>
    </message>
    <message>
        <source>nothing changed: &apos;%1&apos; changes Azure resources and needs a confirmation. Run it in a terminal to be asked, or add --yes.</source>
        <translation>nichts geändert: &apos;%1&apos; ändert Azure-Ressourcen und erfordert eine Bestätigung. Führen Sie es in einem Terminal aus, um gefragt zu werden, oder fügen Sie --yes hinzu.</translation>
    </message>
    <message>
        <source>Resource group %1 does not exist: there is nothing to delete in Azure.</source>
        <translation>Die Ressourcengruppe %1 existiert nicht: In Azure gibt es nichts zu löschen.</translation>
    </message>
    <message>
        <source>Type the name of the resource group (%1) to delete it with everything in it: </source>
        <translation>Geben Sie den Namen der Ressourcengruppe (%1) ein, um sie mit allem, was sie enthält, zu löschen: </translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>aus %1</translation>
    </message>
    <message>
        <source>from the OS keychain</source>
        <translation>aus dem Schlüsselbund des Betriebssystems</translation>
    </message>
    <message>
        <source>a new ingest key, stored in the OS keychain before deploying</source>
        <translation>ein neuer Ingest-Schlüssel, vor der Bereitstellung im Schlüsselbund des Betriebssystems gespeichert</translation>
    </message>
    <message>
        <source>The TTS API key is missing: set %1 or store it in the console.</source>
        <translation>Der TTS-API-Schlüssel fehlt: Setzen Sie %1 oder speichern Sie ihn in der Konsole.</translation>
    </message>
    <message>
        <source>Resource group %1 does not exist, so there is nothing to update. Run &apos;twinbridged deploy&apos; first, or give --resource-group.</source>
        <translation>Die Ressourcengruppe %1 existiert nicht, daher gibt es nichts zu aktualisieren. Führen Sie zuerst &apos;twinbridged deploy&apos; aus, oder geben Sie --resource-group an.</translation>
    </message>
    <message>
        <source>[%1] checking resource providers and the IoT hub name…</source>
        <translation>[%1] Ressourcenanbieter und IoT-Hub-Name werden geprüft…</translation>
    </message>
    <message>
        <source>The IoT hub name %1 is not available (%2). Choose another --name-suffix, or run &apos;twinbridged update&apos; if that hub is this profile&apos;s.</source>
        <translation>Der IoT-Hub-Name %1 ist nicht verfügbar (%2). Wählen Sie ein anderes --name-suffix, oder führen Sie &apos;twinbridged update&apos; aus, wenn dieser Hub zu diesem Profil gehört.</translation>
    </message>
    <message>
        <source>There is no IoT hub %1 to update. Run &apos;twinbridged deploy&apos; first, or give the --name-suffix of the deployed hub.</source>
        <translation>Es gibt keinen IoT Hub %1 zum Aktualisieren. Führen Sie zuerst &apos;twinbridged deploy&apos; aus, oder geben Sie das --name-suffix des bereitgestellten Hubs an.</translation>
    </message>
    <message>
        <source>These resource providers are not registered in the subscription yet: %1</source>
        <translation>Diese Ressourcenanbieter sind im Abonnement noch nicht registriert: %1</translation>
    </message>
    <message>
        <source>Register them now? [y/N] </source>
        <translation>Jetzt registrieren? [y/N] </translation>
    </message>
    <message>
        <source>[%1] asking Azure what the deployment would change…</source>
        <translation>[%1] Azure wird gefragt, was die Bereitstellung ändern würde…</translation>
    </message>
    <message>
        <source>What-if for resource group %1:</source>
        <translation>What-if für die Ressourcengruppe %1:</translation>
    </message>
    <message>
        <source>Deploy these changes to resource group %1? [y/N] </source>
        <translation>Diese Änderungen in der Ressourcengruppe %1 bereitstellen? [y/N] </translation>
    </message>
    <message>
        <source>Update resource group %1 with these changes? [y/N] </source>
        <translation>Die Ressourcengruppe %1 mit diesen Änderungen aktualisieren? [y/N] </translation>
    </message>
    <message>
        <source>not confirmed: nothing was deployed or deleted.</source>
        <translation>nicht bestätigt: Es wurde nichts bereitgestellt oder gelöscht.</translation>
    </message>
    <message>
        <source>could not remove the empty resource group %1: %2 Delete it with &apos;twinbridged uninstall&apos; or in the portal.</source>
        <translation>die leere Ressourcengruppe %1 konnte nicht entfernt werden: %2 Löschen Sie sie mit &apos;twinbridged uninstall&apos; oder im Portal.</translation>
    </message>
    <message>
        <source>not confirmed: nothing was deployed.</source>
        <translation>nicht bestätigt: Es wurde nichts bereitgestellt.</translation>
    </message>
    <message>
        <source>[%1] new ingest key stored in the OS keychain (the engine of this profile uses it)</source>
        <translation>[%1] neuer Ingest-Schlüssel im Schlüsselbund des Betriebssystems gespeichert (die Engine dieses Profils verwendet ihn)</translation>
    </message>
    <message>
        <source>[%1] deploying %2 to resource group %3…</source>
        <translation>[%1] %2 wird in der Ressourcengruppe %3 bereitgestellt…</translation>
    </message>
    <message>
        <source>Hub %1 is deployed, but its policy key could not be stored in the OS keychain (%2). Run &apos;twinbridged update&apos; again once the keychain works.</source>
        <translation>Der Hub %1 ist bereitgestellt, aber sein Richtlinienschlüssel konnte nicht im Schlüsselbund des Betriebssystems gespeichert werden (%2). Führen Sie &apos;twinbridged update&apos; erneut aus, sobald der Schlüsselbund funktioniert.</translation>
    </message>
    <message>
        <source>[%1] the key of policy %2 is stored in the OS keychain (profile %3)</source>
        <translation>[%1] der Schlüssel der Richtlinie %2 ist im Schlüsselbund des Betriebssystems gespeichert (Profil %3)</translation>
    </message>
    <message>
        <source>Deployed in %1.</source>
        <translation>Bereitgestellt in %1.</translation>
    </message>
    <message>
        <source>Updated in %1.</source>
        <translation>Aktualisiert in %1.</translation>
    </message>
    <message>
        <source>For The Things Stack&apos;s own Azure IoT Hub integration, enter host name %1 and the key of policy %2 (copy it on the console&apos;s Connections page) in the TTS Console.</source>
        <translation>Für die eigene Azure-IoT-Hub-Integration von The Things Stack geben Sie in der TTS Console den Hostnamen %1 und den Schlüssel der Richtlinie %2 ein (kopieren Sie ihn auf der Seite „Verbindungen“ der Konsole).</translation>
    </message>
    <message>
        <source>[%1] deleting resource group %2…</source>
        <translation>[%1] Ressourcengruppe %2 wird gelöscht…</translation>
    </message>
    <message>
        <source>[%1] resource group %2 deleted</source>
        <translation>[%1] Ressourcengruppe %2 gelöscht</translation>
    </message>
    <message>
        <source>[%1] canceling the deployment… (press Ctrl+C again to stop waiting)</source>
        <translation>[%1] Bereitstellung wird abgebrochen… (drücken Sie erneut Strg+C, um nicht länger zu warten)</translation>
    </message>
    <message>
        <source>stopped. A change Azure has accepted goes on there; run the command again to see its state.</source>
        <translation>angehalten. Eine Änderung, die Azure angenommen hat, läuft dort weiter; führen Sie den Befehl erneut aus, um ihren Status zu sehen.</translation>
    </message>
    <message>
        <source>Uninstall plan for profile %1 (%2):</source>
        <translation>Deinstallationsplan für Profil %1 (%2):</translation>
    </message>
    <message>
        <source>  delete resource group %1 in subscription %2 with everything in it (IoT hub %3, Event Hubs, storage, Function)</source>
        <translation>  Ressourcengruppe %1 im Abonnement %2 mit allem, was sie enthält, löschen (IoT Hub %3, Event Hubs, Speicher, Function)</translation>
    </message>
    <message>
        <source>Deployment plan for profile %1 (%2):</source>
        <translation>Bereitstellungsplan für Profil %1 (%2):</translation>
    </message>
    <message>
        <source>Update plan for profile %1 (%2):</source>
        <translation>Aktualisierungsplan für Profil %1 (%2):</translation>
    </message>
    <message>
        <source>  subscription    %1</source>
        <translation>  Abonnement       %1</translation>
    </message>
    <message>
        <source>  resource group  %1 (%2)</source>
        <translation>  Ressourcengruppe %1 (%2)</translation>
    </message>
    <message>
        <source>its current region</source>
        <translation>ihre aktuelle Region</translation>
    </message>
    <message>
        <source>  deployment      %1 (Incremental)</source>
        <translation>  Bereitstellung   %1 (Incremental)</translation>
    </message>
    <message numerus="yes">
        <source>  IoT hub         %1, %2 × %n unit(s), policy %3</source>
        <translation>
            <numerusform>  IoT Hub          %1, %2 × %n Einheit, Richtlinie %3</numerusform>
            <numerusform>  IoT Hub          %1, %2 × %n Einheiten, Richtlinie %3</numerusform>
        </translation>
    </message>
    <message>
        <source>  Event Hubs      %1</source>
        <translation>  Event Hubs       %1</translation>
    </message>
    <message>
        <source>  storage         %1</source>
        <translation>  Speicher         %1</translation>
    </message>
    <message>
        <source>  fallback route  %1</source>
        <translation>  Fallback-Route   %1</translation>
    </message>
    <message>
        <source>on</source>
        <translation>ein</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>  Function posts  to %1 for application %2</source>
        <translation>  Function sendet  an %1 für Anwendung %2</translation>
    </message>
    <message>
        <source>  with            the TTS API key (%1)</source>
        <translation>  mit              dem TTS-API-Schlüssel (%1)</translation>
    </message>
    <message>
        <source>  with            the engine&apos;s ingest key (%1)</source>
        <translation>  mit              dem Ingest-Schlüssel der Engine (%1)</translation>
    </message>
    <message>
        <source>details: %1</source>
        <translation>Details: %1</translation>
    </message>
    <message>
        <source>twinbridged deploy creates the Azure side of a profile (resources/azure/main.json: IoT hub, Event Hubs, storage, Function) in a resource group, stores the hub&apos;s policy key in the OS keychain and writes the hub&apos;s host and policy names, the subscription and the resource group into the profile file. It refuses an F1 hub when the subscription has a Free hub already (Azure allows one), has Azure validate the deployment, shows the plan and what it will create and asks first (--yes: do not ask; without a terminal --yes is required).</source>
        <translation>twinbridged deploy erstellt die Azure-Seite eines Profils (resources/azure/main.json: IoT Hub, Event Hubs, Speicher, Function) in einer Ressourcengruppe, speichert den Richtlinienschlüssel des Hubs im Schlüsselbund des Betriebssystems und schreibt Host- und Richtliniennamen des Hubs, das Abonnement und die Ressourcengruppe in die Profildatei. Es lehnt einen F1-Hub ab, wenn das Abonnement bereits einen Free-Hub hat (Azure erlaubt einen), lässt die Bereitstellung von Azure validieren, zeigt den Plan und was erstellt wird und fragt zuerst nach (--yes: nicht fragen; ohne Terminal ist --yes erforderlich).</translation>
    </message>
    <message>
        <source>twinbridged update redeploys the Azure side of a profile into its existing resource group (Incremental): after Azure validated it and the what-if differences are shown it applies new tiers, a new Function target or a new API key, and stores the policy key again.</source>
        <translation>twinbridged update stellt die Azure-Seite eines Profils erneut in seiner vorhandenen Ressourcengruppe bereit (Incremental): Nachdem Azure sie validiert hat und die What-If-Unterschiede angezeigt sind, übernimmt es neue Tarife, ein neues Ziel der Function oder einen neuen API-Schlüssel und speichert den Richtlinienschlüssel erneut.</translation>
    </message>
    <message>
        <source>twinbridged uninstall deletes the profile&apos;s resource group with everything in it, after you type its name (or --yes), then removes all of the profile&apos;s secrets from the OS keychain (TTS API key, IoT Hub policy key, Azure client secret, ingest key, Azure sign-in).</source>
        <translation>twinbridged uninstall löscht die Ressourcengruppe des Profils mit allem, was sie enthält, nachdem Sie ihren Namen eingegeben haben (oder --yes), und entfernt dann alle Geheimnisse des Profils aus dem Schlüsselbund des Betriebssystems (TTS-API-Schlüssel, IoT-Hub-Richtlinienschlüssel, geheimer Azure-Clientschlüssel, Ingest-Schlüssel, Azure-Anmeldung).</translation>
    </message>
    <message>
        <source>

Azure sign-in: --sandbox &lt;sandbox.json&gt; (the local twinbridge-sandbox), else a service principal from AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET, else --azure-cli (an existing &apos;az login&apos;).

Exit codes: 0 done; 64 wrong command line or not confirmed; 66 the profile file or the resource group (update, uninstall) does not exist; 69 Azure refused or failed, its validation included (its details are printed); 78 the profile or a secret is missing or invalid, or an F1 hub while the subscription has a Free hub already; 130 canceled by Ctrl+C.</source>
        <translation>

Azure-Anmeldung: --sandbox &lt;sandbox.json&gt; (die lokale twinbridge-sandbox), sonst ein Dienstprinzipal aus AZURE_TENANT_ID, AZURE_CLIENT_ID und AZURE_CLIENT_SECRET, sonst --azure-cli (ein vorhandenes &apos;az login&apos;).

Exit-Codes: 0 erledigt; 64 falsche Befehlszeile oder nicht bestätigt; 66 die Profildatei oder die Ressourcengruppe (update, uninstall) existiert nicht; 69 Azure hat abgelehnt oder ist fehlgeschlagen, die Validierung eingeschlossen (die Details werden ausgegeben); 78 das Profil oder ein Geheimnis fehlt oder ist ungültig, oder ein F1-Hub, obwohl das Abonnement bereits einen Free-Hub hat; 130 mit Strg+C abgebrochen.</translation>
    </message>
    <message>
        <source>The resource group (deploy: default rg-twinbridge-&lt;name suffix&gt;, created; update and uninstall: default the profile&apos;s azure.resourceGroup, else rg-twinbridge-&lt;name suffix&gt;).</source>
        <translation>Die Ressourcengruppe (deploy: Standard rg-twinbridge-&lt;Namenssuffix&gt;, wird erstellt; update und uninstall: Standard ist azure.resourceGroup des Profils, sonst rg-twinbridge-&lt;Namenssuffix&gt;).</translation>
    </message>
    <message>
        <source> in resource group %1</source>
        <translation> in der Ressourcengruppe %1</translation>
    </message>
    <message>
        <source>The subscription already has a Free (F1) IoT hub, %1%2, and Azure allows only one per subscription. Deploy with --sku S1 instead, or delete hub %1 first (with &apos;twinbridged uninstall&apos; of its profile or in the Azure portal). Nothing was changed.</source>
        <translation>Das Abonnement hat bereits einen Free-IoT-Hub (F1), %1%2, und Azure erlaubt nur einen pro Abonnement. Stellen Sie stattdessen mit --sku S1 bereit, oder löschen Sie zuerst den Hub %1 (mit &apos;twinbridged uninstall&apos; für sein Profil oder im Azure-Portal). Es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>[%1] asking Azure to validate the deployment…</source>
        <translation>[%1] Azure wird gebeten, die Bereitstellung zu validieren…</translation>
    </message>
    <message>
        <source>  %1 %2: %3</source>
        <translation>  %1 %2: %3</translation>
    </message>
    <message>
        <source>Azure refused the deployment in validation; nothing was deployed.</source>
        <translation>Azure hat die Bereitstellung bei der Validierung abgelehnt; es wurde nichts bereitgestellt.</translation>
    </message>
    <message>
        <source>Azure&apos;s validation errors:</source>
        <translation>Validierungsfehler von Azure:</translation>
    </message>
    <message>
        <source>[%1] removing the empty resource group %2 again (it was created only for Azure&apos;s checks)…</source>
        <translation>[%1] die leere Ressourcengruppe %2 wird wieder entfernt (sie wurde nur für die Prüfungen von Azure erstellt)…</translation>
    </message>
    <message>
        <source>Hub %1 is deployed and its key stored, but the profile file %2 could not be written (%3). Set iotHub.hostName to %1, iotHub.policyName to %4, azure.subscriptionId to %5 and azure.resourceGroup to %6 yourself.</source>
        <translation>Der Hub %1 ist bereitgestellt und sein Schlüssel gespeichert, aber die Profildatei %2 konnte nicht geschrieben werden (%3). Setzen Sie selbst iotHub.hostName auf %1, iotHub.policyName auf %4, azure.subscriptionId auf %5 und azure.resourceGroup auf %6.</translation>
    </message>
    <message>
        <source>[%1] %2 now names hub %3, policy %4 and resource group %5</source>
        <translation>[%1] %2 nennt jetzt den Hub %3, die Richtlinie %4 und die Ressourcengruppe %5</translation>
    </message>
    <message>
        <source>[%1] the secrets of profile %2 are removed from the OS keychain</source>
        <translation>[%1] die Geheimnisse des Profils %2 sind aus dem Schlüsselbund des Betriebssystems entfernt</translation>
    </message>
    <message>
        <source>  then remove all of the profile&apos;s secrets from the OS keychain (TTS API key, IoT Hub policy key, Azure client secret, ingest key, Azure sign-in)</source>
        <translation>  dann alle Geheimnisse des Profils aus dem Schlüsselbund des Betriebssystems entfernen (TTS-API-Schlüssel, IoT-Hub-Richtlinienschlüssel, geheimer Azure-Clientschlüssel, Ingest-Schlüssel, Azure-Anmeldung)</translation>
    </message>
</context>
<context>
    <name>TwinBridge::DeployPage</name>
    <message>
        <source>Azure deployment</source>
        <translation>Azure-Bereitstellung</translation>
    </message>
    <message>
        <source>Connection profile:</source>
        <translation>Verbindungsprofil:</translation>
    </message>
    <message>
        <source>IoT hub:</source>
        <translation>IoT Hub:</translation>
    </message>
    <message>
        <source>Access policy:</source>
        <translation>Zugriffsrichtlinie:</translation>
    </message>
    <message>
        <source>Subscription:</source>
        <translation>Abonnement:</translation>
    </message>
    <message>
        <source>Resource group:</source>
        <translation>Ressourcengruppe:</translation>
    </message>
    <message>
        <source>&amp;Deploy…</source>
        <translation>&amp;Bereitstellen…</translation>
    </message>
    <message>
        <source>Creates the Azure side for this profile (or a new profile) with a guided wizard</source>
        <translation>Richtet die Azure-Seite für dieses Profil (oder ein neues Profil) mit einem geführten Assistenten ein</translation>
    </message>
    <message>
        <source>&amp;Update…</source>
        <translation>&amp;Aktualisieren…</translation>
    </message>
    <message>
        <source>Redeploys the template into the profile&apos;s resource group, e.g. with a new API key, after showing the changes</source>
        <translation>Stellt die Vorlage erneut in der Ressourcengruppe des Profils bereit, z. B. mit einem neuen API-Schlüssel, nachdem die Änderungen angezeigt wurden</translation>
    </message>
    <message>
        <source>U&amp;ninstall…</source>
        <translation>Dei&amp;nstallieren…</translation>
    </message>
    <message>
        <source>Deletes the profile&apos;s resource group with everything in it and removes the profile&apos;s secrets</source>
        <translation>Löscht die Ressourcengruppe des Profils mit allem darin und entfernt die Geheimnisse des Profils</translation>
    </message>
    <message>
        <source>A deployment creates one resource group in your Azure subscription with an IoT hub that has a single least-privilege access policy (&lt;i&gt;twinbridge&lt;/i&gt;), an Event Hubs namespace that the hub routes twin changes and device lifecycle events to, and an Azure Function (consumption plan, with its storage account) that posts those events to the TwinBridge engine or to The Things Stack&apos;s own Azure IoT Hub integration. The policy key goes straight into the system keychain.</source>
        <translation>Eine Bereitstellung legt in Ihrem Azure-Abonnement eine Ressourcengruppe an: einen IoT Hub mit einer einzigen Zugriffsrichtlinie mit minimalen Rechten (&lt;i&gt;twinbridge&lt;/i&gt;), einen Event Hubs-Namespace, an den der Hub Zwillingsänderungen und Lebenszyklusereignisse der Geräte leitet, und eine Azure Function (Verbrauchsplan, mit ihrem Speicherkonto), die diese Ereignisse an die TwinBridge-Engine oder an die Azure IoT Hub-Integration von The Things Stack sendet. Der Richtlinienschlüssel kommt direkt in den Schlüsselbund des Betriebssystems.</translation>
    </message>
    <message>
        <source>What it costs each month: mostly the IoT hub&apos;s tier — F1 is free (8,000 messages a day, one per subscription), S1–S3 are billed per unit — and the Event Hubs tier. The Function and the storage account usually stay within Azure&apos;s free grants for this workload.</source>
        <translation>Monatliche Kosten: vor allem der Tarif des IoT Hub – F1 ist kostenlos (8.000 Nachrichten am Tag, einer je Abonnement), S1–S3 werden je Einheit abgerechnet – und der Event Hubs-Tarif. Function und Speicherkonto bleiben bei dieser Last meist im kostenlosen Kontingent von Azure.</translation>
    </message>
    <message>
        <source>Resources, costs, update and uninstall in detail: %1.</source>
        <translation>Ressourcen, Kosten, Aktualisieren und Deinstallieren im Einzelnen: %1.</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>none selected</source>
        <translation>keines ausgewählt</translation>
    </message>
    <message>
        <source>not deployed yet</source>
        <translation>noch nicht bereitgestellt</translation>
    </message>
    <message>
        <source>No connection profile is selected. Deploy… creates the Azure side for a new profile.</source>
        <translation>Kein Verbindungsprofil ausgewählt. „Bereitstellen…“ richtet die Azure-Seite für ein neues Profil ein.</translation>
    </message>
    <message>
        <source>Deployed: the hub %1 in resource group %2. Update… redeploys it (for example with a new API key); Uninstall… deletes the resource group.</source>
        <translation>Bereitgestellt: der Hub %1 in der Ressourcengruppe %2. „Aktualisieren…“ stellt ihn erneut bereit (zum Beispiel mit einem neuen API-Schlüssel); „Deinstallieren…“ löscht die Ressourcengruppe.</translation>
    </message>
    <message>
        <source>The profile names the hub %1 but no resource group, so it was not deployed from here: update or delete it where it was created, or deploy a new one.</source>
        <translation>Das Profil nennt den Hub %1, aber keine Ressourcengruppe; er wurde also nicht von hier bereitgestellt: Aktualisieren oder löschen Sie ihn dort, wo er angelegt wurde, oder stellen Sie einen neuen bereit.</translation>
    </message>
    <message>
        <source>Nothing is deployed for this profile yet. Deploy… creates the hub and its routing in your subscription.</source>
        <translation>Für dieses Profil ist noch nichts bereitgestellt. „Bereitstellen…“ legt den Hub und sein Routing in Ihrem Abonnement an.</translation>
    </message>
    <message>
        <source>Deployment finished.</source>
        <translation>Bereitstellung abgeschlossen.</translation>
    </message>
    <message>
        <source>Update finished.</source>
        <translation>Aktualisierung abgeschlossen.</translation>
    </message>
    <message>
        <source>Uninstall finished.</source>
        <translation>Deinstallation abgeschlossen.</translation>
    </message>
    <message>
        <source>Removing the empty resource group %1 that the wizard&apos;s checks created…</source>
        <translation>Die leere Ressourcengruppe %1, die die Prüfungen des Assistenten angelegt haben, wird entfernt…</translation>
    </message>
    <message>
        <source>Removed the empty resource group %1.</source>
        <translation>Die leere Ressourcengruppe %1 wurde entfernt.</translation>
    </message>
    <message>
        <source>Could not remove the empty resource group %1 (%2). Delete it in the Azure portal, or deploy into it next time.</source>
        <translation>Die leere Ressourcengruppe %1 konnte nicht entfernt werden (%2). Löschen Sie sie im Azure-Portal oder stellen Sie beim nächsten Mal in ihr bereit.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::DeployWizard</name>
    <message>
        <source>Deploy the Azure side</source>
        <translation>Die Azure-Seite bereitstellen</translation>
    </message>
    <message>
        <source>Update the Azure side</source>
        <translation>Die Azure-Seite aktualisieren</translation>
    </message>
    <message>
        <source>Uninstall the Azure side</source>
        <translation>Die Azure-Seite deinstallieren</translation>
    </message>
    <message>
        <source>Azure has accepted the deployment: it goes on in Azure even when you close the wizard, and its resources are created (and cost money) until you uninstall them. Close the wizard anyway?</source>
        <translation>Azure hat die Bereitstellung angenommen: Sie läuft in Azure weiter, auch wenn Sie den Assistenten schließen, und ihre Ressourcen werden erstellt (und kosten Geld), bis Sie sie deinstallieren. Den Assistenten trotzdem schließen?</translation>
    </message>
    <message>
        <source>An operation is still running. Stop it and close the wizard?</source>
        <translation>Ein Vorgang läuft noch. Ihn anhalten und den Assistenten schließen?</translation>
    </message>
</context>
<context>
    <name>TwinBridge::DeploymentOperationModel</name>
    <message>
        <source>Resource</source>
        <translation>Ressource</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>Erfolgreich</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Angenommen</translation>
    </message>
</context>
<context>
    <name>TwinBridge::DeploymentPlan</name>
    <message>
        <source>Choose the Azure subscription to deploy to.</source>
        <translation>Wählen Sie das Azure-Abonnement, in dem bereitgestellt werden soll.</translation>
    </message>
    <message>
        <source>“%1” is not a subscription ID: it is a GUID such as 00000000-0000-0000-0000-000000000000.</source>
        <translation>„%1“ ist keine Abonnement-ID: Diese ist eine GUID wie 00000000-0000-0000-0000-000000000000.</translation>
    </message>
    <message>
        <source>Enter a resource group name of 1 to 90 letters, digits, hyphens, underscores, periods or parentheses, not ending in a period.</source>
        <translation>Geben Sie einen Ressourcengruppennamen aus 1 bis 90 Buchstaben, Ziffern, Bindestrichen, Unterstrichen, Punkten oder Klammern ein, der nicht auf einen Punkt endet.</translation>
    </message>
    <message>
        <source>Enter the Azure region by its name in lower case, such as westeurope (not “West Europe”).</source>
        <translation>Geben Sie die Azure-Region mit ihrem Namen in Kleinbuchstaben ein, etwa westeurope (nicht „West Europe“).</translation>
    </message>
    <message>
        <source>Enter a deployment name of 1 to 64 letters, digits, hyphens, underscores, periods or parentheses.</source>
        <translation>Geben Sie einen Bereitstellungsnamen aus 1 bis 64 Buchstaben, Ziffern, Bindestrichen, Unterstrichen, Punkten oder Klammern ein.</translation>
    </message>
    <message>
        <source>The name suffix must be 3 to 13 lower-case letters, digits or hyphens, starting and ending with a letter or digit (it names every resource, e.g. iothub-{suffix}).</source>
        <translation>Das Namenssuffix muss aus 3 bis 13 Kleinbuchstaben, Ziffern oder Bindestrichen bestehen und mit einem Buchstaben oder einer Ziffer beginnen und enden (es benennt jede Ressource, z. B. iothub-{suffix}).</translation>
    </message>
    <message>
        <source>Where the Function posts events must be an http(s) address ending in /api/v3, such as https://eu1.cloud.thethings.network/api/v3 or the engine&apos;s public ingest URL.</source>
        <translation>Das Ziel, an das die Function Ereignisse sendet, muss eine http(s)-Adresse sein, die auf /api/v3 endet, etwa https://eu1.cloud.thethings.network/api/v3 oder die öffentliche Ingest-URL der Engine.</translation>
    </message>
    <message>
        <source>Enter the TTS application ID: 3 to 36 lower-case letters, digits and single hyphens.</source>
        <translation>Geben Sie die TTS-Anwendungs-ID ein: 3 bis 36 Kleinbuchstaben, Ziffern und einzelne Bindestriche.</translation>
    </message>
    <message>
        <source>The key the Function presents (the TTS API key, or the engine&apos;s ingest key) is missing.</source>
        <translation>Der Schlüssel, den die Function vorweist (der TTS-API-Schlüssel oder der Ingest-Schlüssel der Engine), fehlt.</translation>
    </message>
    <message>
        <source>IoT Hub tier %1 has no device twins, which TwinBridge needs: choose one of %2.</source>
        <translation>Der IoT-Hub-Tarif %1 hat keine Gerätezwillinge, die TwinBridge benötigt: Wählen Sie einen der Tarife %2.</translation>
    </message>
    <message>
        <source>The Event Hubs tier must be one of %1, not “%2”.</source>
        <translation>Der Event-Hubs-Tarif muss einer der Werte %1 sein, nicht „%2“.</translation>
    </message>
    <message>
        <source>The storage tier must be one of %1, not “%2”.</source>
        <translation>Der Speichertarif muss einer der Werte %1 sein, nicht „%2“.</translation>
    </message>
    <message>
        <source>The deployment settings are not valid: %1</source>
        <translation>Die Bereitstellungseinstellungen sind ungültig: %1</translation>
    </message>
</context>
<context>
    <name>TwinBridge::DesiredDownlink</name>
    <message>
        <source>The frame payload must be hexadecimal: “%1” at position %2 is not a hex digit (0–9, A–F).</source>
        <translation>Die Frame-Nutzlast muss hexadezimal sein: „%1“ an Position %2 ist keine Hexziffer (0–9, A–F).</translation>
    </message>
    <message>
        <source>The frame payload is empty. Enter at least one byte as two hex digits, for example 01.</source>
        <translation>Die Frame-Nutzlast ist leer. Geben Sie mindestens ein Byte als zwei Hexziffern ein, zum Beispiel 01.</translation>
    </message>
    <message>
        <source>The frame payload has %1 hex digits; every byte needs two, so add or remove one digit.</source>
        <translation>Die Frame-Nutzlast hat %1 Hexziffern; jedes Byte braucht zwei, fügen Sie also eine Ziffer hinzu oder entfernen Sie eine.</translation>
    </message>
    <message>
        <source>FPort %1 cannot carry application data: use a port from %2 to %3.</source>
        <translation>FPort %1 kann keine Anwendungsdaten übertragen: Verwenden Sie einen Port von %2 bis %3.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::DeviceAuthentication</name>
    <message>
        <source>must be one of &quot;sas&quot;, &quot;selfSigned&quot;, &quot;certificateAuthority&quot; or &quot;none&quot;.</source>
        <translation>muss „sas“, „selfSigned“, „certificateAuthority“ oder „none“ sein.</translation>
    </message>
    <message>
        <source>The device authentication is not valid.</source>
        <translation>Die Geräteauthentifizierung ist ungültig.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::DeviceBulkActionDialog</name>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n Sekunde</numerusform>
            <numerusform>%n Sekunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n Minute</numerusform>
            <numerusform>%n Minuten</numerusform>
        </translation>
    </message>
    <message>
        <source>delete</source>
        <translation>löschen</translation>
    </message>
    <message numerus="yes">
        <source>Dry run — nothing has been changed yet. %1 of %n selected device(s) will be changed, %2 skipped.</source>
        <translation>
            <numerusform>Probelauf — es wurde noch nichts geändert. %1 von %n ausgewähltem Gerät wird geändert, %2 übersprungen.</numerusform>
            <numerusform>Probelauf — es wurde noch nichts geändert. %1 von %n ausgewählten Geräten werden geändert, %2 übersprungen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Device ID</source>
        <translation>Geräte-ID</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Geplant</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>This deletes the devices from The Things Stack and IoT Hub; it cannot be undone. Type “%1” to confirm.</source>
        <translation>Dadurch werden die Geräte aus The Things Stack und IoT Hub gelöscht; dies kann nicht rückgängig gemacht werden. Geben Sie zur Bestätigung „%1“ ein.</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Ausführen</translation>
    </message>
    <message>
        <source>Carry out the planned changes</source>
        <translation>Die geplanten Änderungen ausführen</translation>
    </message>
    <message>
        <source>Stop before the next device; devices in progress finish (Esc)</source>
        <translation>Vor dem nächsten Gerät anhalten; laufende Geräte werden abgeschlossen (Esc)</translation>
    </message>
    <message>
        <source>Canceling… devices in progress finish first.</source>
        <translation>Wird abgebrochen… laufende Geräte werden zuerst abgeschlossen.</translation>
    </message>
    <message>
        <source>(paced by the hub&apos;s limit of %1)</source>
        <translation>(im Takt der Hub-Grenze von %1)</translation>
    </message>
    <message>
        <source>Running %1…</source>
        <translation>„%1“ wird ausgeführt…</translation>
    </message>
    <message>
        <source>Estimating the time left…</source>
        <translation>Die verbleibende Zeit wird geschätzt…</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 of %2 done — about %3 left</source>
        <translation>%1 von %2 erledigt — noch etwa %3</translation>
    </message>
    <message>
        <source>%1 of %2 done</source>
        <translation>%1 von %2 erledigt</translation>
    </message>
    <message>
        <source>Finished: %1 done, %2 failed, %3 canceled. The rows show each device&apos;s result.</source>
        <translation>Abgeschlossen: %1 erledigt, %2 fehlgeschlagen, %3 abgebrochen. Die Zeilen zeigen das Ergebnis jedes Geräts.</translation>
    </message>
    <message>
        <source>Hover over a failed row to read why it failed.</source>
        <translation>Zeigen Sie mit der Maus auf eine fehlgeschlagene Zeile, um den Grund zu lesen.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::DeviceCodeCredential</name>
    <message>
        <source>Device code sign-in</source>
        <translation>Anmeldung mit Gerätecode</translation>
    </message>
    <message>
        <source>sign in to Azure</source>
        <translation>Anmelden bei Azure</translation>
    </message>
    <message>
        <source>renew the Azure sign-in</source>
        <translation>Erneuern der Azure-Anmeldung</translation>
    </message>
    <message>
        <source>sign in to Azure with a device code</source>
        <translation>Anmelden bei Azure mit einem Gerätecode</translation>
    </message>
    <message>
        <source>You are not signed in to Azure. Sign in once in the TwinBridge console (device code), or use a service principal for unattended runs.</source>
        <translation>Sie sind nicht bei Azure angemeldet. Melden Sie sich einmal in der TwinBridge-Konsole an (Gerätecode) oder verwenden Sie für unbeaufsichtigte Läufe einen Dienstprinzipal.</translation>
    </message>
    <message>
        <source>Another Azure sign-in is waiting for you in the browser. Finish or cancel it first.</source>
        <translation>Im Browser wartet bereits eine andere Azure-Anmeldung auf Sie. Schließen Sie diese zuerst ab oder brechen Sie sie ab.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::DeviceConnectionPool</name>
    <message>
        <source>deliver the messages of %1 to IoT Hub</source>
        <translation>Zustellen der Nachrichten von %1 an IoT Hub</translation>
    </message>
</context>
<context>
    <name>TwinBridge::DeviceConnectionSettings</name>
    <message>
        <source>The CA certificate file %1 cannot be read (%2). Check the profile&apos;s TLS settings.</source>
        <translation>Die CA-Zertifikatsdatei %1 kann nicht gelesen werden (%2). Prüfen Sie die TLS-Einstellungen des Profils.</translation>
    </message>
    <message>
        <source>The CA certificate file %1 holds no PEM certificate. Choose a PEM file in the profile&apos;s TLS settings.</source>
        <translation>Die CA-Zertifikatsdatei %1 enthält kein PEM-Zertifikat. Wählen Sie in den TLS-Einstellungen des Profils eine PEM-Datei aus.</translation>
    </message>
    <message>
        <source>The profile has no IoT Hub host name. Deploy the hub or enter its host name in the profile.</source>
        <translation>Das Profil hat keinen IoT-Hub-Hostnamen. Stellen Sie den Hub bereit oder geben Sie seinen Hostnamen im Profil ein.</translation>
    </message>
    <message>
        <source>The profile has no IoT Hub access policy name. Enter the policy whose key signs device tokens.</source>
        <translation>Im Profil fehlt der Name der SAS-Richtlinie des IoT Hub. Geben Sie die Richtlinie ein, deren Schlüssel die Gerätetoken signiert.</translation>
    </message>
    <message>
        <source>The key of the IoT Hub access policy %1 is missing. Store it in the profile&apos;s secrets.</source>
        <translation>Der Schlüssel der SAS-Richtlinie %1 des IoT Hub fehlt. Speichern Sie ihn in den Geheimnissen des Profils.</translation>
    </message>
    <message>
        <source>The IoT Hub MQTT port %1 is invalid. Enter a port between 1 and 65535.</source>
        <translation>Der MQTT-Port %1 des IoT Hub ist ungültig. Geben Sie einen Port zwischen 1 und 65535 ein.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::DeviceErrorModel</name>
    <message>
        <source>Failing</source>
        <translation>Fehlerhaft</translation>
    </message>
    <message>
        <source>Recovered %1</source>
        <translation>Wiederhergestellt %1</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Last error at</source>
        <translation>Letzter Fehler um</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
</context>
<context>
    <name>TwinBridge::DeviceIdentity</name>
    <message>
        <source>The device identity is not valid.</source>
        <translation>Die Geräteidentität ist ungültig.</translation>
    </message>
    <message>
        <source>must be &quot;enabled&quot; or &quot;disabled&quot;.</source>
        <translation>muss „enabled“ oder „disabled“ sein.</translation>
    </message>
    <message>
        <source>device id</source>
        <translation>Geräte-ID</translation>
    </message>
</context>
<context>
    <name>TwinBridge::DeviceMirrorExport</name>
    <message>
        <source>Could not write %1: %2. Choose another folder or file name.</source>
        <translation>%1 konnte nicht geschrieben werden: %2. Wählen Sie einen anderen Ordner oder Dateinamen.</translation>
    </message>
    <message>
        <source>Could not write %1: %2. Check the free space and the folder&apos;s permissions.</source>
        <translation>%1 konnte nicht geschrieben werden: %2. Prüfen Sie den freien Speicherplatz und die Berechtigungen des Ordners.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::DeviceMirrorModel</name>
    <message>
        <source>Enabled</source>
        <translation>Aktiviert</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Deaktiviert</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>Getrennt</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <source>TTS and IoT Hub both have this device with the same EUIs.</source>
        <translation>TTS und IoT Hub haben dieses Gerät beide mit denselben EUIs.</translation>
    </message>
    <message>
        <source>IoT Hub has no identity for this device. The bridge creates it on the next uplink, or use “Create missing IoT Hub identities”.</source>
        <translation>IoT Hub hat keine Identität für dieses Gerät. Die Bridge erstellt sie beim nächsten Uplink, oder verwenden Sie „Fehlende IoT-Hub-Identitäten erstellen“.</translation>
    </message>
    <message>
        <source>TTS has no end device with this id. Use “Create TTS devices from twin tags” if its twin has lorawan tags, or delete the identity.</source>
        <translation>TTS hat kein Endgerät mit dieser ID. Verwenden Sie „TTS-Geräte aus Zwillings-Tags erstellen“, wenn sein Zwilling lorawan-Tags hat, oder löschen Sie die Identität.</translation>
    </message>
    <message>
        <source>The twin&apos;s lorawan tags name DevEUI %1 / JoinEUI %2, TTS has %3 / %4.</source>
        <translation>Die lorawan-Tags des Zwillings nennen DevEUI %1 / JoinEUI %2, TTS hat %3 / %4.</translation>
    </message>
    <message>
        <source>The IoT Hub identity is disabled: the bridge cannot send this device&apos;s uplinks. Enable it in the hub.</source>
        <translation>Die IoT-Hub-Identität ist deaktiviert: Die Bridge kann die Uplinks dieses Geräts nicht senden. Aktivieren Sie sie im Hub.</translation>
    </message>
    <message>
        <source>Being created; the row settles when the action or the bridge is done.</source>
        <translation>Wird erstellt; die Zeile stabilisiert sich, wenn die Aktion oder die Bridge fertig ist.</translation>
    </message>
    <message>
        <source>The twin&apos;s tags say %1</source>
        <translation>Die Tags des Zwillings sagen %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Device ID</source>
        <translation>Geräte-ID</translation>
    </message>
    <message>
        <source>DevEUI</source>
        <translation>DevEUI</translation>
    </message>
    <message>
        <source>JoinEUI</source>
        <translation>JoinEUI</translation>
    </message>
    <message>
        <source>TTS last seen</source>
        <translation>Zuletzt in TTS gesehen</translation>
    </message>
    <message>
        <source>Hub status</source>
        <translation>Hub-Status</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>Letzte Aktivität</translation>
    </message>
    <message>
        <source>Twin version</source>
        <translation>Zwillingsversion</translation>
    </message>
    <message>
        <source>Last uplink via bridge</source>
        <translation>Letzter Uplink über die Bridge</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
    <message>
        <source>Sync state</source>
        <translation>Sync-Status</translation>
    </message>
</context>
<context>
    <name>TwinBridge::DeviceMirrorRow</name>
    <message>
        <source>In sync</source>
        <translation>Synchron</translation>
    </message>
    <message>
        <source>Only in TTS</source>
        <translation>Nur in TTS</translation>
    </message>
    <message>
        <source>Only in IoT Hub</source>
        <translation>Nur in IoT Hub</translation>
    </message>
    <message>
        <source>EUI mismatch</source>
        <translation>EUI-Abweichung</translation>
    </message>
    <message>
        <source>Disabled in hub</source>
        <translation>Im Hub deaktiviert</translation>
    </message>
    <message>
        <source>Pending creation</source>
        <translation>Erstellung ausstehend</translation>
    </message>
</context>
<context>
    <name>TwinBridge::DeviceStatistics</name>
    <message>
        <source>The registry statistics are not valid.</source>
        <translation>Die Registrierungsstatistik ist ungültig.</translation>
    </message>
    <message>
        <source>must be zero or more.</source>
        <translation>muss null oder größer sein.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::DeviceTwin</name>
    <message>
        <source>The device twin is not valid.</source>
        <translation>Der Gerätezwilling ist ungültig.</translation>
    </message>
    <message>
        <source>must be one of &quot;sas&quot;, &quot;selfSigned&quot;, &quot;certificateAuthority&quot; or &quot;none&quot;.</source>
        <translation>muss „sas“, „selfSigned“, „certificateAuthority“ oder „none“ sein.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::DevicesPage</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 %2 of %3</source>
        <translation>%1 %2 von %3</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Search device ID, name, DevEUI or JoinEUI…</source>
        <translation>Geräte-ID, Name, DevEUI oder JoinEUI suchen…</translation>
    </message>
    <message>
        <source>Filter the table while typing</source>
        <translation>Die Tabelle beim Tippen filtern</translation>
    </message>
    <message>
        <source>Show only the devices in one sync state</source>
        <translation>Nur die Geräte in einem Sync-Status anzeigen</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>Neu &amp;laden</translation>
    </message>
    <message>
        <source>Load both sides again; only changed rows update</source>
        <translation>Beide Seiten neu laden; nur geänderte Zeilen werden aktualisiert</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop loading</source>
        <translation>Laden abbrechen</translation>
    </message>
    <message>
        <source>&amp;Actions</source>
        <translation>A&amp;ktionen</translation>
    </message>
    <message>
        <source>Bulk actions on the selected rows, each with a dry run first</source>
        <translation>Massenaktionen für die ausgewählten Zeilen, jeweils zuerst mit Probelauf</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message>
        <source>Write the rows shown to a CSV or JSON file</source>
        <translation>Die angezeigten Zeilen in eine CSV- oder JSON-Datei schreiben</translation>
    </message>
    <message>
        <source>Copy device ID</source>
        <translation>Geräte-ID kopieren</translation>
    </message>
    <message>
        <source>Copy DevEUI</source>
        <translation>DevEUI kopieren</translation>
    </message>
    <message>
        <source>Open twin</source>
        <translation>Zwilling öffnen</translation>
    </message>
    <message>
        <source>Show live data</source>
        <translation>Live-Daten anzeigen</translation>
    </message>
    <message>
        <source>No connection profile is in use. Choose one on the Connections page.</source>
        <translation>Es wird kein Verbindungsprofil verwendet. Wählen Sie eines auf der Seite „Verbindungen“.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Loading: %1 · %2</source>
        <translation>Wird geladen: %1 · %2</translation>
    </message>
    <message>
        <source>TTS</source>
        <translation>TTS</translation>
    </message>
    <message>
        <source>IoT Hub</source>
        <translation>IoT Hub</translation>
    </message>
    <message>
        <source>Loading canceled; the table shows the previous state.</source>
        <translation>Laden abgebrochen; die Tabelle zeigt den vorherigen Stand.</translation>
    </message>
    <message>
        <source>The Things Stack: %1</source>
        <translation>The Things Stack: %1</translation>
    </message>
    <message>
        <source>IoT Hub: %1</source>
        <translation>IoT Hub: %1</translation>
    </message>
    <message numerus="yes">
        <source>Loaded %n device(s)</source>
        <translation>
            <numerusform>%n Gerät geladen</numerusform>
            <numerusform>%n Geräte geladen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 of %2 shown — %3</source>
        <translation>%1 von %2 angezeigt — %3</translation>
    </message>
    <message>
        <source>A bulk action is still running; wait for it or cancel it first.</source>
        <translation>Eine Massenaktion läuft noch; warten Sie, bis sie fertig ist, oder brechen Sie sie zuerst ab.</translation>
    </message>
    <message>
        <source>Select the devices first.</source>
        <translation>Wählen Sie zuerst die Geräte aus.</translation>
    </message>
    <message>
        <source>%1 finished.</source>
        <translation>„%1“ abgeschlossen.</translation>
    </message>
    <message>
        <source>Export devices</source>
        <translation>Geräte exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;JSON files (*.json)</source>
        <translation>CSV-Dateien (*.csv);;JSON-Dateien (*.json)</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n device(s) to %1</source>
        <translation>
            <numerusform>%n Gerät nach %1 exportiert</numerusform>
            <numerusform>%n Geräte nach %1 exportiert</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TwinBridge::DownlinkForm</name>
    <message>
        <source>Confirmed (the device acknowledges it)</source>
        <translation>Bestätigt (das Gerät bestätigt den Empfang)</translation>
    </message>
    <message>
        <source>Binary only (no payload encoder: sends &quot;decodedPayload&quot;: null)</source>
        <translation>Nur binär (kein Nutzlast-Encoder: sendet &quot;decodedPayload&quot;: null)</translation>
    </message>
    <message>
        <source>&amp;Write into desired</source>
        <translation>In gewünschte Eigenschaften &amp;eintragen</translation>
    </message>
    <message>
        <source>LoRaWAN application port, %1–%2</source>
        <translation>LoRaWAN-Anwendungsport, %1–%2</translation>
    </message>
    <message>
        <source>hex bytes, e.g. BEEF or be ef 01</source>
        <translation>Hex-Bytes, z. B. BEEF oder be ef 01</translation>
    </message>
    <message>
        <source>Push (add to the queue)</source>
        <translation>Push (an die Warteschlange anhängen)</translation>
    </message>
    <message>
        <source>Replace (clear the queue first)</source>
        <translation>Replace (zuerst die Warteschlange leeren)</translation>
    </message>
    <message>
        <source>FPort:</source>
        <translation>FPort:</translation>
    </message>
    <message>
        <source>Frame payload:</source>
        <translation>Frame-Nutzlast:</translation>
    </message>
    <message>
        <source>Operation:</source>
        <translation>Vorgang:</translation>
    </message>
</context>
<context>
    <name>TwinBridge::DownlinkTimeline</name>
    <message>
        <source>Downlink of desired $version %1 for %2:</source>
        <translation>Downlink der gewünschten $version %1 für %2:</translation>
    </message>
    <message>
        <source>Downlink: send a rawDownlink or decodedPayload change to follow it here.</source>
        <translation>Downlink: Senden Sie eine Änderung an rawDownlink oder decodedPayload, um sie hier zu verfolgen.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::DownlinkTimelineModel</name>
    <message>
        <source>Desired</source>
        <translation>Gewünscht</translation>
    </message>
    <message>
        <source>Handed to TTS</source>
        <translation>An TTS übergeben</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Eingereiht</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Ack / nack</source>
        <translation>ACK / NACK</translation>
    </message>
    <message>
        <source>%1: not yet</source>
        <translation>%1: noch nicht</translation>
    </message>
    <message>
        <source>%1: %2 at %3</source>
        <translation>%1: %2 um %3</translation>
    </message>
    <message>
        <source>desired $version %1</source>
        <translation>gewünschte $version %1</translation>
    </message>
    <message>
        <source>passed (not reported)</source>
        <translation>durchlaufen (nicht gemeldet)</translation>
    </message>
    <message>
        <source>queued in TTS</source>
        <translation>in TTS eingereiht</translation>
    </message>
    <message>
        <source>sent to the device</source>
        <translation>an das Gerät gesendet</translation>
    </message>
    <message>
        <source>acknowledged by the device</source>
        <translation>vom Gerät bestätigt</translation>
    </message>
    <message>
        <source>not acknowledged by the device</source>
        <translation>vom Gerät nicht bestätigt</translation>
    </message>
    <message>
        <source>failed in TTS</source>
        <translation>in TTS fehlgeschlagen</translation>
    </message>
    <message>
        <source>failed in TTS: %1</source>
        <translation>in TTS fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>the queue was invalidated (frame counter or session change)</source>
        <translation>die Warteschlange wurde ungültig (Frame-Zähler- oder Sitzungswechsel)</translation>
    </message>
    <message>
        <source>handed to TTS</source>
        <translation>an TTS übergeben</translation>
    </message>
    <message>
        <source>handed to TTS (%1)</source>
        <translation>an TTS übergeben (%1)</translation>
    </message>
</context>
<context>
    <name>TwinBridge::EndpointProbe</name>
    <message>
        <source>%1:%2 accepted the connection but did not complete a TLS handshake within %3 s. The port may not speak TLS; check the port in the profile.</source>
        <translation>%1:%2 hat die Verbindung angenommen, aber innerhalb von %3 s keinen TLS-Handshake abgeschlossen. Der Port spricht möglicherweise kein TLS; prüfen Sie den Port im Profil.</translation>
    </message>
    <message>
        <source>Nothing answered at %1:%2 within %3 s. A firewall may drop the traffic, or the host is down; check the address and port, and that outgoing connections to this port are allowed.</source>
        <translation>Unter %1:%2 hat innerhalb von %3 s nichts geantwortet. Möglicherweise verwirft eine Firewall den Datenverkehr, oder der Host ist nicht erreichbar; prüfen Sie Adresse und Port und ob ausgehende Verbindungen zu diesem Port erlaubt sind.</translation>
    </message>
    <message>
        <source>Canceled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>%1:%2 accepts connections.</source>
        <translation>%1:%2 nimmt Verbindungen an.</translation>
    </message>
    <message>
        <source>%1:%2 answered over TLS with a trusted certificate.</source>
        <translation>%1:%2 hat über TLS mit einem vertrauenswürdigen Zertifikat geantwortet.</translation>
    </message>
    <message>
        <source>%1:%2 answered over TLS with a trusted certificate issued by “%3”.</source>
        <translation>%1:%2 hat über TLS mit einem vertrauenswürdigen, von „%3“ ausgestellten Zertifikat geantwortet.</translation>
    </message>
    <message>
        <source>The host name “%1” could not be resolved (DNS). Check its spelling in the profile and this computer&apos;s network and DNS settings.</source>
        <translation>Der Hostname „%1“ konnte nicht aufgelöst werden (DNS). Prüfen Sie seine Schreibweise im Profil sowie die Netzwerk- und DNS-Einstellungen dieses Computers.</translation>
    </message>
    <message>
        <source>%1 refused the connection on port %2: nothing listens there. Check the port in the profile and that the service is running.</source>
        <translation>%1 hat die Verbindung auf Port %2 abgelehnt: Dort wartet nichts auf Verbindungen. Prüfen Sie den Port im Profil und ob der Dienst läuft.</translation>
    </message>
    <message>
        <source>Nothing answered at %1:%2 in time. Check the address, the port and firewalls.</source>
        <translation>Unter %1:%2 hat nichts rechtzeitig geantwortet. Prüfen Sie Adresse, Port und Firewalls.</translation>
    </message>
    <message>
        <source>The TLS handshake with %1:%2 failed. The port may not speak TLS (a plain-text port?) or the server needs a TLS version or cipher this computer does not offer.</source>
        <translation>Der TLS-Handshake mit %1:%2 ist fehlgeschlagen. Der Port spricht möglicherweise kein TLS (ein Klartext-Port?), oder der Server benötigt eine TLS-Version oder Verschlüsselung, die dieser Computer nicht anbietet.</translation>
    </message>
    <message>
        <source>%1:%2 closed the connection during the TLS handshake. The port may not speak TLS, or the server rejected this computer&apos;s TLS offer.</source>
        <translation>%1:%2 hat die Verbindung während des TLS-Handshakes geschlossen. Der Port spricht möglicherweise kein TLS, oder der Server hat das TLS-Angebot dieses Computers abgelehnt.</translation>
    </message>
    <message>
        <source>The connection to %1:%2 failed: %3. Check the network and the address in the profile.</source>
        <translation>Die Verbindung zu %1:%2 ist fehlgeschlagen: %3. Prüfen Sie das Netzwerk und die Adresse im Profil.</translation>
    </message>
    <message>
        <source>The certificate of %1 is signed by a certificate authority this profile does not trust (%2). If the server uses a private or sandbox CA, choose that CA&apos;s PEM file under TLS → Extra CA certificate; if one is chosen, it is not the CA that signed this server&apos;s certificate.</source>
        <translation>Das Zertifikat von %1 ist von einer Zertifizierungsstelle signiert, der dieses Profil nicht vertraut (%2). Verwendet der Server eine private oder Sandbox-CA, wählen Sie deren PEM-Datei unter TLS → Zusätzliches CA-Zertifikat; ist dort bereits eine gewählt, ist sie nicht die CA, die das Zertifikat dieses Servers signiert hat.</translation>
    </message>
    <message>
        <source>The certificate of %1 is issued by “%2”, a certificate authority this profile does not trust. If the server uses a private or sandbox CA, choose that CA&apos;s PEM file under TLS → Extra CA certificate; if one is chosen, it is not the CA that signed this server&apos;s certificate.</source>
        <translation>Das Zertifikat von %1 wurde von „%2“ ausgestellt, einer Zertifizierungsstelle, der dieses Profil nicht vertraut. Verwendet der Server eine private oder Sandbox-CA, wählen Sie deren PEM-Datei unter TLS → Zusätzliches CA-Zertifikat; ist dort bereits eine gewählt, ist sie nicht die CA, die das Zertifikat dieses Servers signiert hat.</translation>
    </message>
    <message>
        <source>The certificate presented at %1 is issued to %2, not to %1. Check the host name in the profile (a proxy or a wrong DNS entry may answer instead of the service).</source>
        <translation>Das unter %1 vorgelegte Zertifikat ist für %2 ausgestellt, nicht für %1. Prüfen Sie den Hostnamen im Profil (möglicherweise antwortet ein Proxy oder ein falscher DNS-Eintrag anstelle des Diensts).</translation>
    </message>
    <message>
        <source>The certificate of %1 expired on %2. If that date is in the future, this computer&apos;s clock is wrong; otherwise the server&apos;s operator must renew it.</source>
        <translation>Das Zertifikat von %1 ist am %2 abgelaufen. Liegt dieses Datum in der Zukunft, geht die Uhr dieses Computers falsch; andernfalls muss der Betreiber des Servers es erneuern.</translation>
    </message>
    <message>
        <source>The certificate of %1 is valid only from %2. Check this computer&apos;s clock.</source>
        <translation>Das Zertifikat von %1 ist erst ab %2 gültig. Prüfen Sie die Uhr dieses Computers.</translation>
    </message>
    <message>
        <source>The certificate of %1 has been revoked. Do not connect; tell the server&apos;s operator.</source>
        <translation>Das Zertifikat von %1 wurde widerrufen. Stellen Sie keine Verbindung her; informieren Sie den Betreiber des Servers.</translation>
    </message>
    <message>
        <source>%1 presented no certificate. Check that the address is the service&apos;s TLS port.</source>
        <translation>%1 hat kein Zertifikat vorgelegt. Prüfen Sie, ob die Adresse der TLS-Port des Diensts ist.</translation>
    </message>
    <message>
        <source>The certificate of %1 was not accepted: %2</source>
        <translation>Das Zertifikat von %1 wurde nicht akzeptiert: %2</translation>
    </message>
</context>
<context>
    <name>TwinBridge::Engine</name>
    <message>
        <source>Created the IoT Hub identity of %1</source>
        <translation>IoT-Hub-Identität von %1 erstellt</translation>
    </message>
    <message>
        <source>The ingest endpoint answered %1 to a request for %2</source>
        <translation>Der Ingest-Endpunkt hat eine Anfrage an %2 mit %1 beantwortet</translation>
    </message>
    <message>
        <source>Dropped a message from The Things Stack on %1: %2</source>
        <translation>Nachricht von The Things Stack auf Topic %1 verworfen: %2</translation>
    </message>
    <message>
        <source>Subscribed to the messages of TTS application %1</source>
        <translation>Nachrichten der TTS-Anwendung %1 abonniert</translation>
    </message>
    <message numerus="yes">
        <source>%n uplink(s) could not be stored and were lost: %1</source>
        <translation>
            <numerusform>%n Uplink konnte nicht gespeichert werden und ist verloren: %1</numerusform>
            <numerusform>%n Uplinks konnten nicht gespeichert werden und sind verloren: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Removed a stored uplink of %1 that can no longer be read (%2)</source>
        <translation>Gespeicherten Uplink von %1 entfernt, der nicht mehr lesbar ist (%2)</translation>
    </message>
    <message>
        <source>%1 of %2 forwarded to IoT Hub</source>
        <translation>%1 von %2 an IoT Hub weitergeleitet</translation>
    </message>
    <message>
        <source>Could not forward a message of %1 (attempt %2); retrying in %3 s: %4</source>
        <translation>Nachricht von %1 konnte nicht weitergeleitet werden (Versuch %2); neuer Versuch in %3 s: %4</translation>
    </message>
    <message>
        <source>The engine is stopping; send the events again later.</source>
        <translation>Die Engine wird angehalten; senden Sie die Ereignisse später erneut.</translation>
    </message>
    <message numerus="yes">
        <source>Refused %n ingest event(s): %1</source>
        <translation>
            <numerusform>%n Ingest-Ereignis abgelehnt: %1</numerusform>
            <numerusform>%n Ingest-Ereignisse abgelehnt: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Removed a stored ingest event of %1 that can no longer be read: %2</source>
        <translation>Gespeichertes Ingest-Ereignis von %1 entfernt, das nicht mehr lesbar ist: %2</translation>
    </message>
    <message>
        <source>Queued a downlink for %1 (%2)</source>
        <translation>Downlink für %1 in die Warteschlange gestellt (%2)</translation>
    </message>
    <message>
        <source>Created %1 in The Things Stack</source>
        <translation>%1 in The Things Stack erstellt</translation>
    </message>
    <message>
        <source>Deleted %1 from The Things Stack</source>
        <translation>%1 aus The Things Stack gelöscht</translation>
    </message>
    <message>
        <source>Twin change of %1 needs no action: %2</source>
        <translation>Zwillingsänderung von %1 erfordert keine Aktion: %2</translation>
    </message>
    <message>
        <source>%1 (will retry)</source>
        <translation>%1 (wird wiederholt)</translation>
    </message>
    <message numerus="yes">
        <source>%n more event(s) left out of the live feed</source>
        <translation>
            <numerusform>%n weiteres Ereignis im Live-Feed ausgelassen</numerusform>
            <numerusform>%n weitere Ereignisse im Live-Feed ausgelassen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped; %n message(s) still in flight go out again at the next start</source>
        <translation>
            <numerusform>Angehalten; %n noch laufende Nachricht wird beim nächsten Start erneut gesendet</numerusform>
            <numerusform>Angehalten; %n noch laufende Nachrichten werden beim nächsten Start erneut gesendet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped; %n record(s) wait in the outbox for the next start</source>
        <translation>
            <numerusform>Angehalten; %n Eintrag wartet in der Outbox auf den nächsten Start</numerusform>
            <numerusform>Angehalten; %n Einträge warten in der Outbox auf den nächsten Start</numerusform>
        </translation>
    </message>
    <message>
        <source>The engine is already running. Stop it before starting it again.</source>
        <translation>Die Engine läuft bereits. Halten Sie sie an, bevor Sie sie erneut starten.</translation>
    </message>
    <message>
        <source>start the integration engine</source>
        <translation>Starten der Integrations-Engine</translation>
    </message>
    <message>
        <source>Started (%1 mode); %2 uplink(s) and %3 ingest event(s) to replay</source>
        <translation>Gestartet (Modus %1); %2 Uplink(s) und %3 Ingest-Ereignis(se) werden nachgeholt</translation>
    </message>
    <message>
        <source>The engine is not running, so it cannot be paused or resumed. Start it first.</source>
        <translation>Die Engine läuft nicht und kann daher weder pausiert noch fortgesetzt werden. Starten Sie sie zuerst.</translation>
    </message>
    <message>
        <source>Paused: messages from The Things Stack and ingest events are stored in the outbox but not forwarded until you resume</source>
        <translation>Pausiert: Nachrichten von The Things Stack und Ingest-Ereignisse werden in der Outbox gespeichert, aber erst weitergeleitet, wenn Sie fortsetzen</translation>
    </message>
    <message numerus="yes">
        <source>Resumed; %n record(s) in the outbox go out now</source>
        <translation>
            <numerusform>Fortgesetzt; %n Eintrag in der Outbox wird jetzt gesendet</numerusform>
            <numerusform>Fortgesetzt; %n Einträge in der Outbox werden jetzt gesendet</numerusform>
        </translation>
    </message>
    <message>
        <source>The engine is not running; its outbox is closed.</source>
        <translation>Die Engine läuft nicht; ihre Outbox ist geschlossen.</translation>
    </message>
    <message numerus="yes">
        <source>Retrying %n waiting message(s) now</source>
        <translation>
            <numerusform>%n wartende Nachricht wird jetzt erneut versucht</numerusform>
            <numerusform>%n wartende Nachrichten werden jetzt erneut versucht</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Discarded %n message(s) from the outbox; they will not be forwarded</source>
        <translation>
            <numerusform>%n Nachricht aus der Outbox verworfen; sie wird nicht weitergeleitet</numerusform>
            <numerusform>%n Nachrichten aus der Outbox verworfen; sie werden nicht weitergeleitet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Discarded %n message(s) of %1 from the outbox; they will not be forwarded</source>
        <translation>
            <numerusform>%n Nachricht von %1 aus der Outbox verworfen; sie wird nicht weitergeleitet</numerusform>
            <numerusform>%n Nachrichten von %1 aus der Outbox verworfen; sie werden nicht weitergeleitet</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TwinBridge::EngineConfig</name>
    <message>
        <source>must be %1.</source>
        <translation>muss %1 sein.</translation>
    </message>
    <message>
        <source>%1.%2: unknown setting. Remove it; secrets never belong in a profile file (use the keychain or the TWINBRIDGE_* environment variables).</source>
        <translation>%1.%2: unbekannte Einstellung. Entfernen Sie sie; Geheimnisse gehören nie in eine Profildatei (verwenden Sie den Schlüsselbund oder die Umgebungsvariablen TWINBRIDGE_*).</translation>
    </message>
    <message>
        <source>must be a whole number from %1 to %2.</source>
        <translation>muss eine ganze Zahl von %1 bis %2 sein.</translation>
    </message>
    <message>
        <source>must be a list of message type names.</source>
        <translation>muss eine Liste von Namen von Nachrichtentypen sein.</translation>
    </message>
    <message>
        <source>“%1” is not a message type. Use any of: %2.</source>
        <translation>„%1“ ist kein Nachrichtentyp. Möglich sind: %2.</translation>
    </message>
    <message>
        <source>The profile has no valid id; export it again from the console.</source>
        <translation>Das Profil hat keine gültige ID; exportieren Sie es erneut aus der Konsole.</translation>
    </message>
    <message>
        <source>Enter the IoT hub&apos;s host name ({hub}.azure-devices.net): the engine forwards uplinks to it.</source>
        <translation>Geben Sie den Hostnamen des IoT-Hubs ein ({hub}.azure-devices.net): Die Engine leitet Uplinks dorthin weiter.</translation>
    </message>
    <message>
        <source>The TTS API key is missing. Store it in the console or set %1.</source>
        <translation>Der TTS-API-Schlüssel fehlt. Speichern Sie ihn in der Konsole oder setzen Sie %1.</translation>
    </message>
    <message>
        <source>The IoT Hub policy key is missing. Store it in the console or set %1.</source>
        <translation>Der Richtlinienschlüssel des IoT Hub fehlt. Speichern Sie ihn in der Konsole oder setzen Sie %1.</translation>
    </message>
    <message>
        <source>The IoT Hub policy key is not Base64. Copy the primary key of the shared access policy again.</source>
        <translation>Der Richtlinienschlüssel des IoT Hub ist nicht Base64-codiert. Kopieren Sie den Primärschlüssel der SAS-Richtlinie erneut.</translation>
    </message>
    <message>
        <source>The ingest key is missing: the Azure Function must present it. Store it in the console, set %1, or turn the ingest endpoint off.</source>
        <translation>Der Ingest-Schlüssel fehlt: Die Azure Function muss ihn vorweisen. Speichern Sie ihn in der Konsole, setzen Sie %1 oder schalten Sie den Ingest-Endpunkt aus.</translation>
    </message>
    <message>
        <source>The idle time of pooled connections must be 1–86400 seconds.</source>
        <translation>Die Leerlaufzeit gepoolter Verbindungen muss 1–86400 Sekunden betragen.</translation>
    </message>
    <message>
        <source>The connection pool must hold 1–1000000 connections.</source>
        <translation>Der Verbindungspool muss 1–1000000 Verbindungen fassen.</translation>
    </message>
    <message>
        <source>Enter an IP address for the ingest endpoint to listen on.</source>
        <translation>Geben Sie eine IP-Adresse ein, auf der der Ingest-Endpunkt lauschen soll.</translation>
    </message>
    <message>
        <source>HTTPS for the ingest endpoint needs both a certificate file and its private key file.</source>
        <translation>HTTPS für den Ingest-Endpunkt erfordert sowohl eine Zertifikatsdatei als auch die Datei mit dem zugehörigen privaten Schlüssel.</translation>
    </message>
    <message>
        <source>The certificate file “%1” cannot be read.</source>
        <translation>Die Zertifikatsdatei „%1“ kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The key file “%1” cannot be read.</source>
        <translation>Die Schlüsseldatei „%1“ kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The outbox must be allowed at least one entry.</source>
        <translation>Die Outbox muss mindestens einen Eintrag aufnehmen dürfen.</translation>
    </message>
    <message>
        <source>The drain time cannot be negative.</source>
        <translation>Die Auslaufzeit darf nicht negativ sein.</translation>
    </message>
    <message>
        <source>Both message filters are empty, so the engine would forward nothing. Select at least one message type.</source>
        <translation>Beide Nachrichtenfilter sind leer, daher würde die Engine nichts weiterleiten. Wählen Sie mindestens einen Nachrichtentyp aus.</translation>
    </message>
    <message>
        <source>The engine configuration is incomplete: %1</source>
        <translation>Die Engine-Konfiguration ist unvollständig: %1</translation>
    </message>
    <message>
        <source>must be “strict” or “pooled”, not “%1”.</source>
        <translation>muss „strict“ oder „pooled“ sein, nicht „%1“.</translation>
    </message>
    <message>
        <source>“%1” is not an IoT Hub tier. Use F1, B1, B2, B3, S1, S2 or S3.</source>
        <translation>„%1“ ist kein IoT-Hub-Tarif. Verwenden Sie F1, B1, B2, B3, S1, S2 oder S3.</translation>
    </message>
    <message>
        <source>“%1” is not an IP address (e.g. 127.0.0.1, 0.0.0.0 or ::).</source>
        <translation>„%1“ ist keine IP-Adresse (z. B. 127.0.0.1, 0.0.0.0 oder ::).</translation>
    </message>
    <message>
        <source>must be from 0 to 3600 seconds.</source>
        <translation>muss zwischen 0 und 3600 Sekunden liegen.</translation>
    </message>
    <message>
        <source>must be an object.</source>
        <translation>muss ein Objekt sein.</translation>
    </message>
    <message>
        <source>The profile file “%1” does not exist. Export a profile from the console&apos;s Connections page or write one as docs/twinbridged.md shows.</source>
        <translation>Die Profildatei „%1“ existiert nicht. Exportieren Sie ein Profil auf der Seite „Verbindungen“ der Konsole oder schreiben Sie eines, wie es docs/twinbridged.md zeigt.</translation>
    </message>
    <message>
        <source>The profile file “%1” cannot be read: %2</source>
        <translation>Die Profildatei „%1“ kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The profile file “%1” is not a JSON object (%2 at offset %3).</source>
        <translation>Die Profildatei „%1“ ist kein JSON-Objekt (%2 bei Offset %3).</translation>
    </message>
    <message>
        <source>not an object</source>
        <translation>kein Objekt</translation>
    </message>
    <message>
        <source>The profile file “%1” is invalid: %2</source>
        <translation>Die Profildatei „%1“ ist ungültig: %2</translation>
    </message>
</context>
<context>
    <name>TwinBridge::EngineEvent</name>
    <message>
        <source>Uplink forwarded</source>
        <translation>Uplink weitergeleitet</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>Join</translation>
    </message>
    <message>
        <source>Downlink event</source>
        <translation>Downlink-Ereignis</translation>
    </message>
    <message>
        <source>Location or service data</source>
        <translation>Standort- oder Dienstdaten</translation>
    </message>
    <message>
        <source>Identity created</source>
        <translation>Identität erstellt</translation>
    </message>
    <message>
        <source>Twin change</source>
        <translation>Zwillingsänderung</translation>
    </message>
    <message>
        <source>Downlink scheduled</source>
        <translation>Downlink eingeplant</translation>
    </message>
    <message>
        <source>Device provisioned in TTS</source>
        <translation>Gerät in TTS erstellt</translation>
    </message>
    <message>
        <source>Device deleted in TTS</source>
        <translation>Gerät in TTS gelöscht</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>Engine</translation>
    </message>
</context>
<context>
    <name>TwinBridge::EngineHost</name>
    <message>
        <source>The engine is already running. Stop it before starting it again.</source>
        <translation>Die Engine läuft bereits. Halten Sie sie an, bevor Sie sie erneut starten.</translation>
    </message>
    <message>
        <source>The engine is not running. Start it on the Bridge page first.</source>
        <translation>Die Engine läuft nicht. Starten Sie sie zuerst auf der Seite „Bridge“.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::EngineSettingsForm</name>
    <message>
        <source>Device connections to IoT Hub</source>
        <translation>Geräteverbindungen zu IoT Hub</translation>
    </message>
    <message>
        <source>Pooled — keep idle connections open</source>
        <translation>Gepoolt — inaktive Verbindungen offen halten</translation>
    </message>
    <message>
        <source>Strict — connect for every message</source>
        <translation>Strikt — für jede Nachricht verbinden</translation>
    </message>
    <message>
        <source>Pooled keeps a device&apos;s connection open for the idle time below; strict connects, sends and disconnects for every message, as TTS&apos;s own integration does</source>
        <translation>Gepoolt hält die Verbindung eines Geräts für die unten angegebene Leerlaufzeit offen; strikt verbindet, sendet und trennt für jede Nachricht, wie es die eigene Integration von TTS tut</translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation>Modus:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>How long a pooled connection stays open without traffic</source>
        <translation>Wie lange eine gepoolte Verbindung ohne Datenverkehr offen bleibt</translation>
    </message>
    <message>
        <source>Idle connection TTL:</source>
        <translation>TTL inaktiver Verbindungen:</translation>
    </message>
    <message>
        <source>Message filters</source>
        <translation>Nachrichtenfilter</translation>
    </message>
    <message>
        <source>Message type</source>
        <translation>Nachrichtentyp</translation>
    </message>
    <message>
        <source>Telemetry (D2C)</source>
        <translation>Telemetrie (D2C)</translation>
    </message>
    <message>
        <source>Reported properties</source>
        <translation>Gemeldete Eigenschaften</translation>
    </message>
    <message>
        <source>Send %1 messages to IoT Hub as device-to-cloud messages</source>
        <translation>%1-Nachrichten als Gerät-zu-Cloud-Nachrichten an IoT Hub senden</translation>
    </message>
    <message>
        <source>Update the twin&apos;s reported properties from %1 messages</source>
        <translation>Die gemeldeten Eigenschaften des Zwillings aus %1-Nachrichten aktualisieren</translation>
    </message>
    <message>
        <source>Ingest endpoint (events from Azure)</source>
        <translation>Ingest-Endpunkt (Ereignisse aus Azure)</translation>
    </message>
    <message>
        <source>Accept twin changes and lifecycle events from the Azure Function</source>
        <translation>Zwillingsänderungen und Lebenszyklusereignisse von der Azure Function annehmen</translation>
    </message>
    <message>
        <source>The local address the endpoint listens on; 127.0.0.1 accepts connections from this computer only, 0.0.0.0 from everywhere (use TLS or a proxy then)</source>
        <translation>Die lokale Adresse, an der der Endpunkt auf Verbindungen wartet; 127.0.0.1 nimmt nur Verbindungen von diesem Computer an, 0.0.0.0 von überall (verwenden Sie dann TLS oder einen Proxy)</translation>
    </message>
    <message>
        <source>Bind address:</source>
        <translation>Bindungsadresse:</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>beliebiger freier Port</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Port:</translation>
    </message>
    <message>
        <source>e.g. https://bridge.example.com/api/v3 — empty: the local address</source>
        <translation>z. B. https://bridge.example.com/api/v3 — leer: die lokale Adresse</translation>
    </message>
    <message>
        <source>The address the Azure Function reaches this engine at (its STACK_BASE_URL), when a proxy or tunnel is in between</source>
        <translation>Die Adresse, unter der die Azure Function diese Engine erreicht (ihre STACK_BASE_URL), wenn ein Proxy oder Tunnel dazwischen liegt</translation>
    </message>
    <message>
        <source>Public URL:</source>
        <translation>Öffentliche URL:</translation>
    </message>
    <message>
        <source>Regenerate ingest key…</source>
        <translation>Ingest-Schlüssel neu erzeugen…</translation>
    </message>
    <message>
        <source>Store a new random ingest key in the keychain; the Azure Function&apos;s STACK_API_KEY must be set to it</source>
        <translation>Einen neuen zufälligen Ingest-Schlüssel im Schlüsselbund speichern; STACK_API_KEY der Azure Function muss darauf gesetzt werden</translation>
    </message>
    <message>
        <source>Ingest key:</source>
        <translation>Ingest-Schlüssel:</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>Einstellungen speichern</translation>
    </message>
    <message>
        <source>Store these settings for this profile; they apply at the next start of the engine</source>
        <translation>Diese Einstellungen für dieses Profil speichern; sie gelten ab dem nächsten Start der Engine</translation>
    </message>
    <message>
        <source>The bind address “%1” is not an IP address. Enter 127.0.0.1 (this computer only) or the address of a local interface, such as 0.0.0.0.</source>
        <translation>Die Bindungsadresse „%1“ ist keine IP-Adresse. Geben Sie 127.0.0.1 (nur dieser Computer) oder die Adresse einer lokalen Schnittstelle ein, etwa 0.0.0.0.</translation>
    </message>
    <message>
        <source>Engine settings saved; they apply at the next start of the engine.</source>
        <translation>Engine-Einstellungen gespeichert; sie gelten ab dem nächsten Start der Engine.</translation>
    </message>
    <message>
        <source>Regenerate ingest key</source>
        <translation>Ingest-Schlüssel neu erzeugen</translation>
    </message>
    <message>
        <source>Store a new random ingest key for this profile? The Azure Function must then send the new key (its STACK_API_KEY setting); until it does, its events are refused. For a sandbox profile the Bridge page passes the key on when the engine starts.</source>
        <translation>Einen neuen zufälligen Ingest-Schlüssel für dieses Profil speichern? Die Azure Function muss dann den neuen Schlüssel senden (ihre Einstellung STACK_API_KEY); bis dahin werden ihre Ereignisse abgelehnt. Bei einem Sandbox-Profil gibt die Seite „Bridge“ den Schlüssel beim Start der Engine weiter.</translation>
    </message>
    <message>
        <source>Storing…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>New key stored (%1). It applies at the next start of the engine.</source>
        <translation>Neuer Schlüssel gespeichert (%1). Er gilt ab dem nächsten Start der Engine.</translation>
    </message>
    <message>
        <source>A new ingest key is stored for this profile.</source>
        <translation>Für dieses Profil ist ein neuer Ingest-Schlüssel gespeichert.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::EngineStatsHistory</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Received/s</source>
        <translation>Empfangen/s</translation>
    </message>
    <message>
        <source>Forwarded/s</source>
        <translation>Weitergeleitet/s</translation>
    </message>
    <message>
        <source>Latency p50 (ms)</source>
        <translation>Latenz p50 (ms)</translation>
    </message>
    <message>
        <source>Latency p99 (ms)</source>
        <translation>Latenz p99 (ms)</translation>
    </message>
</context>
<context>
    <name>TwinBridge::EntraAuthority</name>
    <message>
        <source>The sign-in authority “%1” is not a valid https address. Use e.g. https://login.microsoftonline.com (or your cloud&apos;s equivalent) in the profile.</source>
        <translation>Die Anmeldeautorität „%1“ ist keine gültige https-Adresse. Verwenden Sie im Profil z. B. https://login.microsoftonline.com (oder die Entsprechung Ihrer Cloud).</translation>
    </message>
    <message>
        <source>The tenant “%1” is not valid. Enter a tenant id (GUID), a domain such as contoso.onmicrosoft.com, or “organizations”.</source>
        <translation>Der Mandant „%1“ ist ungültig. Geben Sie eine Mandanten-ID (GUID), eine Domäne wie contoso.onmicrosoft.com oder „organizations“ ein.</translation>
    </message>
    <message>
        <source>The Resource Manager endpoint “%1” is not a valid https address. Use e.g. https://management.azure.com in the profile.</source>
        <translation>Der Resource-Manager-Endpunkt „%1“ ist keine gültige https-Adresse. Verwenden Sie im Profil z. B. https://management.azure.com.</translation>
    </message>
    <message>
        <source>No Resource Manager scope is configured. Use e.g. https://management.azure.com/.default.</source>
        <translation>Es ist kein Resource-Manager-Bereich eingerichtet. Verwenden Sie z. B. https://management.azure.com/.default.</translation>
    </message>
    <message>
        <source>No application (client) ID is configured for Azure sign-in. Register an application in your Entra ID tenant (with “Allow public client flows” for device code sign-in) and enter its ID in the profile, or sign in with the Azure CLI instead.</source>
        <translation>Für die Azure-Anmeldung ist keine Anwendungs-ID (Client-ID) eingerichtet. Registrieren Sie eine Anwendung in Ihrem Entra-ID-Mandanten (mit „Öffentliche Clientflows zulassen“ für die Anmeldung mit Gerätecode) und geben Sie ihre ID im Profil ein oder melden Sie sich stattdessen mit der Azure CLI an.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::EntraError</name>
    <message>
        <source>The client secret is wrong or has expired. Create a new secret for the application in Entra ID (Certificates &amp; secrets) and enter it in the profile.</source>
        <translation>Der geheime Clientschlüssel ist falsch oder abgelaufen. Erstellen Sie in Entra ID einen neuen geheimen Clientschlüssel für die Anwendung (Zertifikate &amp; Geheimnisse) und geben Sie ihn im Profil ein.</translation>
    </message>
    <message>
        <source>The application (client) ID was not found in this tenant. Check the client ID and the tenant in the profile, or have an administrator consent to the application.</source>
        <translation>Die Anwendungs-ID (Client-ID) wurde in diesem Mandanten nicht gefunden. Prüfen Sie Client-ID und Mandant im Profil oder lassen Sie einen Administrator die Einwilligung für die Anwendung erteilen.</translation>
    </message>
    <message>
        <source>The tenant was not found. Check the tenant id or domain in the profile, and that the authority host matches your cloud.</source>
        <translation>Der Mandant wurde nicht gefunden. Prüfen Sie die Mandanten-ID oder Domäne im Profil und ob der Autoritätshost zu Ihrer Cloud passt.</translation>
    </message>
    <message>
        <source>The application is not configured as a public client. In the application&apos;s Authentication settings in Entra ID, enable “Allow public client flows”, or use a different client ID.</source>
        <translation>Die Anwendung ist nicht als öffentlicher Client konfiguriert. Aktivieren Sie in Entra ID in den Authentifizierungseinstellungen der Anwendung „Öffentliche Clientflows zulassen“ oder verwenden Sie eine andere Client-ID.</translation>
    </message>
    <message>
        <source>The application has not been granted consent in this tenant. Ask an administrator to grant consent for it, then sign in again.</source>
        <translation>Der Anwendung wurde in diesem Mandanten keine Einwilligung erteilt. Bitten Sie einen Administrator, die Einwilligung zu erteilen, und melden Sie sich dann erneut an.</translation>
    </message>
    <message>
        <source>Multi-factor authentication is required. Sign in again interactively.</source>
        <translation>Mehrstufige Authentifizierung ist erforderlich. Melden Sie sich erneut interaktiv an.</translation>
    </message>
    <message>
        <source>A Conditional Access policy of your organisation blocked the sign-in. Ask your administrator which conditions apply (device, location, sign-in method).</source>
        <translation>Eine Richtlinie für bedingten Zugriff Ihrer Organisation hat die Anmeldung blockiert. Fragen Sie Ihren Administrator, welche Bedingungen gelten (Gerät, Standort, Anmeldemethode).</translation>
    </message>
    <message>
        <source>The client secret is wrong or has expired, or the client ID does not belong to this tenant. Check the client ID and create a new client secret if needed.</source>
        <translation>Der geheime Clientschlüssel ist falsch oder abgelaufen oder die Client-ID gehört nicht zu diesem Mandanten. Prüfen Sie die Client-ID und erstellen Sie bei Bedarf einen neuen geheimen Clientschlüssel.</translation>
    </message>
    <message>
        <source>The requested scope is not valid for this application. Check the Resource Manager scope in the profile (for the public cloud: https://management.azure.com/.default).</source>
        <translation>Der angeforderte Bereich ist für diese Anwendung ungültig. Prüfen Sie den Resource-Manager-Bereich im Profil (für die öffentliche Cloud: https://management.azure.com/.default).</translation>
    </message>
    <message>
        <source>The application is not allowed to use this sign-in method. Check the client ID, and for device code sign-in enable “Allow public client flows” for the application in Entra ID.</source>
        <translation>Die Anwendung darf diese Anmeldemethode nicht verwenden. Prüfen Sie die Client-ID und aktivieren Sie für die Anmeldung mit Gerätecode „Öffentliche Clientflows zulassen“ für die Anwendung in Entra ID.</translation>
    </message>
    <message>
        <source>The Azure sign-in has expired or was revoked. Sign in again.</source>
        <translation>Die Azure-Anmeldung ist abgelaufen oder wurde widerrufen. Melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>Azure needs you to sign in again interactively (for consent or multi-factor authentication).</source>
        <translation>Azure verlangt eine erneute interaktive Anmeldung (für eine Einwilligung oder die mehrstufige Authentifizierung).</translation>
    </message>
    <message>
        <source>The sign-in was declined in the browser. Start the sign-in again and approve it.</source>
        <translation>Die Anmeldung wurde im Browser abgelehnt. Starten Sie die Anmeldung erneut und bestätigen Sie sie.</translation>
    </message>
    <message>
        <source>The sign-in code expired before the sign-in was completed. Start the sign-in again and enter the new code within 15 minutes.</source>
        <translation>Der Anmeldecode ist abgelaufen, bevor die Anmeldung abgeschlossen wurde. Starten Sie die Anmeldung erneut und geben Sie den neuen Code innerhalb von 15 Minuten ein.</translation>
    </message>
    <message>
        <source>The sign-in service did not recognise the device code. Start the sign-in again.</source>
        <translation>Der Anmeldedienst hat den Gerätecode nicht erkannt. Starten Sie die Anmeldung erneut.</translation>
    </message>
    <message>
        <source>The sign-in has not been completed in the browser yet.</source>
        <translation>Die Anmeldung wurde im Browser noch nicht abgeschlossen.</translation>
    </message>
    <message>
        <source>The sign-in service asked to poll more slowly.</source>
        <translation>Der Anmeldedienst hat darum gebeten, seltener nachzufragen.</translation>
    </message>
    <message>
        <source>The Microsoft sign-in service is temporarily unavailable. Try again in a few minutes.</source>
        <translation>Der Microsoft-Anmeldedienst ist vorübergehend nicht verfügbar. Versuchen Sie es in einigen Minuten erneut.</translation>
    </message>
    <message>
        <source>The sign-in service does not support this sign-in method. Check the authority host in the profile.</source>
        <translation>Der Anmeldedienst unterstützt diese Anmeldemethode nicht. Prüfen Sie den Autoritätshost im Profil.</translation>
    </message>
    <message>
        <source>The resource to sign in for does not exist in this tenant. Check the Resource Manager scope and the tenant in the profile.</source>
        <translation>Die Ressource, für die angemeldet werden soll, existiert in diesem Mandanten nicht. Prüfen Sie den Resource-Manager-Bereich und den Mandanten im Profil.</translation>
    </message>
    <message>
        <source>The sign-in service rejected the request. Check the tenant, client ID and authority host in the profile.</source>
        <translation>Der Anmeldedienst hat die Anfrage abgelehnt. Prüfen Sie Mandant, Client-ID und Autoritätshost im Profil.</translation>
    </message>
    <message>
        <source>The Microsoft sign-in service had a problem. Try again in a few minutes.</source>
        <translation>Beim Microsoft-Anmeldedienst ist ein Problem aufgetreten. Versuchen Sie es in einigen Minuten erneut.</translation>
    </message>
    <message>
        <source>The Microsoft sign-in service is throttling requests. Wait a minute and try again.</source>
        <translation>Der Microsoft-Anmeldedienst drosselt die Anfragen. Warten Sie eine Minute und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>The Microsoft sign-in service refused the sign-in. See the details for its reason.</source>
        <translation>Der Microsoft-Anmeldedienst hat die Anmeldung verweigert. Den Grund finden Sie in den Details.</translation>
    </message>
    <message>
        <source>The sign-in service answered with HTTP %1 and no error TwinBridge understands. Check the authority host in the profile, then try again.</source>
        <translation>Der Anmeldedienst hat mit HTTP %1 geantwortet, ohne einen Fehler, den TwinBridge versteht. Prüfen Sie den Autoritätshost im Profil und versuchen Sie es dann erneut.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::FinishPage</name>
    <message>
        <source>&amp;Retry storing</source>
        <translation>Speichern &amp;erneut versuchen</translation>
    </message>
    <message>
        <source>The Things Stack&apos;s Azure IoT Hub integration</source>
        <translation>Die Azure-IoT-Hub-Integration von The Things Stack</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Abschluss</translation>
    </message>
    <message>
        <source>Retry storing the keys and the profile</source>
        <translation>Das Speichern der Schlüssel und des Profils erneut versuchen</translation>
    </message>
    <message>
        <source>IoT Hub host name</source>
        <translation>IoT-Hub-Hostname</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy the host name</source>
        <translation>Den Hostnamen kopieren</translation>
    </message>
    <message>
        <source>IoT Hub access key</source>
        <translation>IoT-Hub-Zugriffsschlüssel</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>Show the access key</source>
        <translation>Den Zugriffsschlüssel anzeigen</translation>
    </message>
    <message>
        <source>Copy the access key</source>
        <translation>Den Zugriffsschlüssel kopieren</translation>
    </message>
    <message>
        <source>Azure IoT Hub hostname:</source>
        <translation>Azure IoT Hub hostname:</translation>
    </message>
    <message>
        <source>Azure IoT Hub access key:</source>
        <translation>Azure IoT Hub access key:</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Verbergen</translation>
    </message>
    <message>
        <source>Hide the access key</source>
        <translation>Den Zugriffsschlüssel verbergen</translation>
    </message>
    <message>
        <source>The Azure side is updated. The keys and the profile are stored below.</source>
        <translation>Die Azure-Seite ist aktualisiert. Die Schlüssel und das Profil werden unten gespeichert.</translation>
    </message>
    <message>
        <source>The Azure side is deployed. The keys and the profile are stored below.</source>
        <translation>Die Azure-Seite ist bereitgestellt. Die Schlüssel und das Profil werden unten gespeichert.</translation>
    </message>
    <message>
        <source>store the deployment&apos;s results</source>
        <translation>Speichern der Ergebnisse der Bereitstellung</translation>
    </message>
    <message>
        <source>There is no finished deployment to store. Go back and deploy.</source>
        <translation>Es gibt keine abgeschlossene Bereitstellung zum Speichern. Gehen Sie zurück und stellen Sie bereit.</translation>
    </message>
    <message>
        <source>store the policy key</source>
        <translation>Speichern des Richtlinienschlüssels</translation>
    </message>
    <message>
        <source>This console has no secret store.</source>
        <translation>Diese Konsole hat keinen Geheimnisspeicher.</translation>
    </message>
    <message>
        <source>store the key of policy %1</source>
        <translation>Speichern des Schlüssels der Richtlinie %1</translation>
    </message>
    <message>
        <source>The key of policy %1 is stored: %2.</source>
        <translation>Der Schlüssel der Richtlinie %1 ist gespeichert: %2.</translation>
    </message>
    <message>
        <source>store the TTS API key</source>
        <translation>Speichern des TTS-API-Schlüssels</translation>
    </message>
    <message>
        <source>The TTS API key is stored: %1.</source>
        <translation>Der TTS-API-Schlüssel ist gespeichert: %1.</translation>
    </message>
    <message>
        <source>store the profile</source>
        <translation>Speichern des Profils</translation>
    </message>
    <message>
        <source>This console has no profile store.</source>
        <translation>Diese Konsole hat keinen Profilspeicher.</translation>
    </message>
    <message>
        <source>add profile %1</source>
        <translation>Hinzufügen des Profils %1</translation>
    </message>
    <message>
        <source>update profile %1</source>
        <translation>Aktualisieren des Profils %1</translation>
    </message>
    <message>
        <source>Profile %1 is added and names hub %2 with policy %3.</source>
        <translation>Das Profil %1 ist hinzugefügt und nennt den Hub %2 mit der Richtlinie %3.</translation>
    </message>
    <message>
        <source>Profile %1 is updated and names hub %2 with policy %3.</source>
        <translation>Das Profil %1 ist aktualisiert und nennt den Hub %2 mit der Richtlinie %3.</translation>
    </message>
    <message>
        <source>select profile %1</source>
        <translation>Auswählen des Profils %1</translation>
    </message>
    <message>
        <source>Profile %1 is the current profile.</source>
        <translation>Das Profil %1 ist das aktuelle Profil.</translation>
    </message>
    <message>
        <source>In the TTS Console:
1. Open your application %1 and choose Integrations → Azure IoT Hub (Expand next to “Azure IoT Hub”).
2. Paste the host name above into “Azure IoT Hub hostname”.
3. Paste the access key above into “Azure IoT Hub access key”.
4. Click “Enable Azure IoT Hub integration” (or “Update …”).
TTS then registers your end devices in the hub and forwards their uplinks; twin changes come back through the deployed Function.</source>
        <translation>In der TTS Console:
1. Öffnen Sie Ihre Anwendung %1 und wählen Sie Integrations → Azure IoT Hub („Expand“ neben „Azure IoT Hub“).
2. Fügen Sie den Hostnamen von oben in „Azure IoT Hub hostname“ ein.
3. Fügen Sie den Zugriffsschlüssel von oben in „Azure IoT Hub access key“ ein.
4. Klicken Sie auf „Enable Azure IoT Hub integration“ (oder „Update …“).
TTS registriert dann Ihre Endgeräte im Hub und leitet ihre Uplinks weiter; Zwillingsänderungen kommen über die bereitgestellte Function zurück.</translation>
    </message>
    <message>
        <source>Start the bridge: open the Bridge page of this console and click Start, or run it as a service with &apos;twinbridged --config &lt;profile file&gt;&apos; (export the profile from the Connections page). The engine&apos;s ingest endpoint must be reachable at %1 for twin changes to arrive.</source>
        <translation>Starten Sie die Bridge: Öffnen Sie die Seite „Bridge“ dieser Konsole und klicken Sie auf „Starten“, oder führen Sie sie als Dienst mit &apos;twinbridged --config &lt;Profildatei&gt;&apos; aus (exportieren Sie das Profil auf der Seite „Verbindungen“). Der Ingest-Endpunkt der Engine muss unter %1 erreichbar sein, damit Zwillingsänderungen ankommen.</translation>
    </message>
    <message>
        <source>Could not %1: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>No OS keychain answered. Start or unlock your desktop&apos;s keychain (Secret Service, e.g. GNOME Keyring or KWallet) and click Retry; the values are kept until this wizard closes.</source>
        <translation>Kein Schlüsselbund des Betriebssystems hat geantwortet. Starten oder entsperren Sie den Schlüsselbund Ihres Desktops (Secret Service, z. B. GNOME Keyring oder KWallet) und klicken Sie auf „Speichern erneut versuchen“; die Werte bleiben erhalten, bis dieser Assistent geschlossen wird.</translation>
    </message>
    <message>
        <source>Fix the cause and click Retry; the values are kept until this wizard closes.</source>
        <translation>Beheben Sie die Ursache und klicken Sie auf „Speichern erneut versuchen“; die Werte bleiben erhalten, bis dieser Assistent geschlossen wird.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::HttpResponse</name>
    <message>
        <source>The service did not answer in time. Check the network connection and try again.</source>
        <translation>Der Dienst hat nicht rechtzeitig geantwortet. Prüfen Sie die Netzwerkverbindung und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The host name could not be resolved. Check the address in the profile and your DNS.</source>
        <translation>Der Hostname konnte nicht aufgelöst werden. Prüfen Sie die Adresse im Profil und Ihren DNS.</translation>
    </message>
    <message>
        <source>The connection was refused. Check the address and port, and that the service is running.</source>
        <translation>Die Verbindung wurde abgelehnt. Prüfen Sie Adresse und Port und ob der Dienst läuft.</translation>
    </message>
    <message>
        <source>The server closed the connection unexpectedly. Try again; if it persists, check proxies or firewalls on the way.</source>
        <translation>Der Server hat die Verbindung unerwartet geschlossen. Versuchen Sie es erneut; bleibt der Fehler, prüfen Sie Proxys oder Firewalls auf dem Weg.</translation>
    </message>
    <message>
        <source>The secure connection failed: the server&apos;s certificate is not trusted or the TLS handshake was rejected. For a sandbox or private CA, set the CA file in the profile.</source>
        <translation>Die sichere Verbindung ist fehlgeschlagen: Dem Zertifikat des Servers wird nicht vertraut oder der TLS-Handshake wurde abgelehnt. Für eine Sandbox oder eine private CA legen Sie die CA-Datei im Profil fest.</translation>
    </message>
    <message>
        <source>The proxy could not be used. Check the system proxy settings.</source>
        <translation>Der Proxy konnte nicht verwendet werden. Prüfen Sie die Proxy-Einstellungen des Systems.</translation>
    </message>
    <message>
        <source>The network request failed. Check the connection and the address in the profile.</source>
        <translation>Die Netzwerkanfrage ist fehlgeschlagen. Prüfen Sie die Verbindung und die Adresse im Profil.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::HubThrottle</name>
    <message>
        <source>registry operations</source>
        <translation>Registrierungsvorgänge</translation>
    </message>
    <message>
        <source>twin reads</source>
        <translation>Lesevorgänge für Zwillinge</translation>
    </message>
    <message>
        <source>twin updates</source>
        <translation>Zwillingsaktualisierungen</translation>
    </message>
    <message>
        <source>queries</source>
        <translation>Abfragen</translation>
    </message>
    <message>
        <source>new device connections</source>
        <translation>Verbindungsaufbauten von Geräten</translation>
    </message>
    <message>
        <source>device-to-cloud messages</source>
        <translation>Gerät-zu-Cloud-Nachrichten</translation>
    </message>
    <message>
        <source>A %1 hub always has exactly one unit.</source>
        <translation>Ein Hub im Tarif %1 hat immer genau eine Einheit.</translation>
    </message>
    <message>
        <source>A %1 hub has between 1 and %2 units, not %3.</source>
        <translation>Ein Hub im Tarif %1 hat zwischen 1 und %2 Einheiten, nicht %3.</translation>
    </message>
    <message>
        <source>no %1 (not available on the %2 tier)</source>
        <translation>keine %1 (im Tarif %2 nicht verfügbar)</translation>
    </message>
    <message>
        <source>%1 %2 per minute</source>
        <translation>%1 %2 pro Minute</translation>
    </message>
    <message>
        <source>%1 %2 per second</source>
        <translation>%1 %2 pro Sekunde</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>%1/min</source>
        <translation>%1/min</translation>
    </message>
    <message>
        <source>registry %1</source>
        <translation>Registrierung %1</translation>
    </message>
    <message>
        <source>twin reads %1</source>
        <translation>Zwillinge lesen %1</translation>
    </message>
    <message>
        <source>twin updates %1</source>
        <translation>Zwillinge ändern %1</translation>
    </message>
    <message>
        <source>no twins on Basic tiers</source>
        <translation>keine Zwillinge in Basic-Tarifen</translation>
    </message>
    <message>
        <source>queries %1</source>
        <translation>Abfragen %1</translation>
    </message>
    <message>
        <source>new connections %1</source>
        <translation>neue Verbindungen %1</translation>
    </message>
    <message>
        <source>D2C %1</source>
        <translation>D2C %1</translation>
    </message>
    <message>
        <source>(limits off)</source>
        <translation>(Grenzen aus)</translation>
    </message>
</context>
<context>
    <name>TwinBridge::IdentityProvisioner</name>
    <message>
        <source>create the IoT Hub identity of %1</source>
        <translation>Erstellen der IoT-Hub-Identität von %1</translation>
    </message>
    <message>
        <source>No IoT Hub connection is configured, so device identities cannot be created.</source>
        <translation>Es ist keine IoT-Hub-Verbindung eingerichtet, daher können keine Geräteidentitäten erstellt werden.</translation>
    </message>
    <message>
        <source>set the tags of %1</source>
        <translation>Setzen der Zwillings-Tags von %1</translation>
    </message>
    <message>
        <source>IoT Hub refused to create the device (%1: %2). Check the device id and the hub&apos;s registry.</source>
        <translation>IoT Hub hat das Erstellen des Geräts abgelehnt (%1: %2). Prüfen Sie die Geräte-ID und die Identitätsregistrierung des Hubs.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::ImportDevice</name>
    <message>
        <source>The bulk registry entry is not valid.</source>
        <translation>Der Eintrag des Registrierungs-Massenvorgangs ist ungültig.</translation>
    </message>
    <message>
        <source>must be a device id (it is required).</source>
        <translation>muss eine Geräte-ID sein (sie ist erforderlich).</translation>
    </message>
    <message>
        <source>must be an import mode such as &quot;create&quot;, &quot;update&quot; or &quot;delete&quot;.</source>
        <translation>muss ein Importmodus wie „create“, „update“ oder „delete“ sein.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::IngestBatchParser</name>
    <message>
        <source>The request body is empty; send {&quot;events&quot;:[…]} as JSON.</source>
        <translation>Der Anfragetext ist leer; senden Sie {&quot;events&quot;:[…]} als JSON.</translation>
    </message>
    <message>
        <source>The request body is not valid JSON (%1 at byte %2).</source>
        <translation>Der Anfragetext ist kein gültiges JSON (%1 bei Byte %2).</translation>
    </message>
    <message>
        <source>The request body must be a JSON object with an &quot;events&quot; array.</source>
        <translation>Der Anfragetext muss ein JSON-Objekt mit einem Array „events“ sein.</translation>
    </message>
    <message>
        <source>missing; the body must be {&quot;events&quot;:[…]}.</source>
        <translation>fehlt; der Anfragetext muss {&quot;events&quot;:[…]} sein.</translation>
    </message>
    <message>
        <source>must be an array, not %1.</source>
        <translation>muss ein Array sein, nicht %1.</translation>
    </message>
    <message>
        <source>must contain at least one event.</source>
        <translation>muss mindestens ein Ereignis enthalten.</translation>
    </message>
    <message>
        <source>at most %1 events per request, this one has %2.</source>
        <translation>höchstens %1 Ereignisse pro Anfrage, diese hat %2.</translation>
    </message>
    <message>
        <source>must be an object, not %1.</source>
        <translation>muss ein Objekt sein, nicht %1.</translation>
    </message>
    <message>
        <source>missing; every event names its device.</source>
        <translation>fehlt; jedes Ereignis nennt sein Gerät.</translation>
    </message>
    <message>
        <source>missing.</source>
        <translation>fehlt.</translation>
    </message>
    <message>
        <source>must be a string, not %1.</source>
        <translation>muss Text sein, nicht %1.</translation>
    </message>
    <message>
        <source>must not be empty.</source>
        <translation>darf nicht leer sein.</translation>
    </message>
    <message>
        <source>longer than %1 characters.</source>
        <translation>länger als %1 Zeichen.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not the application of the request path, &quot;%2&quot;.</source>
        <translation>„%1“ ist nicht die Anwendung aus dem Anfragepfad, „%2“.</translation>
    </message>
    <message>
        <source>missing; it carries the IoT Hub notification.</source>
        <translation>fehlt; darin steht die Benachrichtigung von IoT Hub.</translation>
    </message>
    <message>
        <source>missing; it carries the IoT Hub application properties (opType, …).</source>
        <translation>fehlt; darin stehen die Anwendungseigenschaften von IoT Hub (opType, …).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not one of createDeviceIdentity, deleteDeviceIdentity, updateTwin, replaceTwin.</source>
        <translation>„%1“ ist keiner der Werte createDeviceIdentity, deleteDeviceIdentity, updateTwin, replaceTwin.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; differs from end_device_ids.device_id &quot;%2&quot;.</source>
        <translation>„%1“ weicht von end_device_ids.device_id „%2“ ab.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::IngestEvent</name>
    <message>
        <source>The stored ingest event has no application or device id; it cannot be processed.</source>
        <translation>Dem gespeicherten Ingest-Ereignis fehlt die Anwendungs- oder Geräte-ID; es kann nicht verarbeitet werden.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::IngestEventProcessor</name>
    <message>
        <source>must be a string.</source>
        <translation>muss Text sein.</translation>
    </message>
    <message>
        <source>process an ingest event</source>
        <translation>Verarbeiten eines Ingest-Ereignisses</translation>
    </message>
    <message>
        <source>must be an object the device&apos;s downlink formatter can encode, or null.</source>
        <translation>muss ein Objekt sein, das der Downlink-Formatter des Geräts codieren kann, oder null.</translation>
    </message>
    <message>
        <source>must be a whole number from %1 to %2.</source>
        <translation>muss eine ganze Zahl von %1 bis %2 sein.</translation>
    </message>
    <message>
        <source>must be hexadecimal bytes (base16, an even number of digits), e.g. &quot;BEEF&quot;.</source>
        <translation>muss aus hexadezimalen Bytes bestehen (Base16, eine gerade Anzahl Ziffern), z. B. „BEEF“.</translation>
    </message>
    <message>
        <source>must be true or false.</source>
        <translation>muss true oder false sein.</translation>
    </message>
    <message>
        <source>must be &quot;push&quot; or &quot;replace&quot;.</source>
        <translation>muss „push“ oder „replace“ sein.</translation>
    </message>
    <message>
        <source>must be an object {fPort, framePayload, confirmed, operation} or null.</source>
        <translation>muss ein Objekt {fPort, framePayload, confirmed, operation} oder null sein.</translation>
    </message>
    <message>
        <source>must be an object.</source>
        <translation>muss ein Objekt sein.</translation>
    </message>
    <message>
        <source>missing; give the device&apos;s DevEUI (16 hex digits).</source>
        <translation>fehlt; geben Sie die DevEUI des Geräts an (16 Hexadezimalziffern).</translation>
    </message>
    <message>
        <source>missing; give the JoinEUI (16 hex digits, 0000000000000000 if none).</source>
        <translation>fehlt; geben Sie die JoinEUI an (16 Hexadezimalziffern, 0000000000000000, wenn es keine gibt).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a LoRaWAN version; use one of %2.</source>
        <translation>„%1“ ist keine LoRaWAN-Version; verwenden Sie eine von %2.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a regional parameters version; use one of %2.</source>
        <translation>„%1“ ist keine Version der regionalen Parameter; verwenden Sie eine von %2.</translation>
    </message>
    <message>
        <source>The engine has no connection to The Things Stack; configure the TTS application first.</source>
        <translation>Die Engine hat keine Verbindung zu The Things Stack; richten Sie zuerst die TTS-Anwendung ein.</translation>
    </message>
    <message>
        <source>The event&apos;s opType &quot;%1&quot; is unknown; TwinBridge acts on createDeviceIdentity, deleteDeviceIdentity, updateTwin and replaceTwin.</source>
        <translation>Der opType „%1“ des Ereignisses ist unbekannt; TwinBridge verarbeitet createDeviceIdentity, deleteDeviceIdentity, updateTwin und replaceTwin.</translation>
    </message>
    <message>
        <source>tags already provisioned</source>
        <translation>Tags bereits übernommen</translation>
    </message>
    <message>
        <source>The engine has no IoT Hub connection to read the twin of device &quot;%1&quot;; configure the hub first.</source>
        <translation>Die Engine hat keine IoT-Hub-Verbindung, um den Zwilling von Gerät „%1“ zu lesen; richten Sie zuerst den Hub ein.</translation>
    </message>
    <message>
        <source>device &quot;%1&quot; no longer exists in the hub</source>
        <translation>Gerät „%1“ existiert im Hub nicht mehr</translation>
    </message>
    <message>
        <source>create TTS device %1 from its twin tags</source>
        <translation>Erstellen des TTS-Geräts %1 aus seinen Zwillings-Tags</translation>
    </message>
    <message>
        <source>The Things Stack already has a device &quot;%1&quot;, but it is missing from the %2. Delete it in TTS (all registries), then save the twin tags again.</source>
        <translation>The Things Stack hat bereits ein Gerät „%1“, auf dem %2 fehlt es aber. Löschen Sie es in TTS (in allen Registrierungen) und speichern Sie dann die Zwillings-Tags erneut.</translation>
    </message>
    <message>
        <source>The Things Stack already has a different device &quot;%1&quot; (DevEUI %2). Delete it in TTS or use another IoT Hub device id, then save the twin tags again.</source>
        <translation>The Things Stack hat bereits ein anderes Gerät „%1“ (DevEUI %2). Löschen Sie es in TTS oder verwenden Sie eine andere IoT-Hub-Geräte-ID und speichern Sie dann die Zwillings-Tags erneut.</translation>
    </message>
    <message>
        <source>send the downlink of device %1</source>
        <translation>Senden des Downlinks von Gerät %1</translation>
    </message>
    <message>
        <source>desired $version %1 was already handled (last %2)</source>
        <translation>gewünschte $version %1 wurde bereits verarbeitet (zuletzt %2)</translation>
    </message>
    <message>
        <source>nothing to send</source>
        <translation>nichts zu senden</translation>
    </message>
    <message>
        <source>nothing to do</source>
        <translation>nichts zu tun</translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot be a TTS device id</source>
        <translation>„%1“ kann keine TTS-Geräte-ID sein</translation>
    </message>
    <message>
        <source>device &quot;%1&quot; was not in TTS</source>
        <translation>Gerät „%1“ war nicht in TTS vorhanden</translation>
    </message>
</context>
<context>
    <name>TwinBridge::IngestServer</name>
    <message>
        <source>The request headers exceed %1 bytes.</source>
        <translation>Die Header der Anfrage überschreiten %1 Bytes.</translation>
    </message>
    <message>
        <source>The Content-Length header is not a valid length.</source>
        <translation>Der Header Content-Length enthält keine gültige Länge.</translation>
    </message>
    <message>
        <source>Send the body with a Content-Length header; chunked transfer encoding is not accepted because the size limit is checked before the body is read.</source>
        <translation>Senden Sie den Anfragetext mit einem Header Content-Length; Chunked Transfer Encoding wird nicht akzeptiert, weil die Größengrenze vor dem Lesen des Anfragetexts geprüft wird.</translation>
    </message>
    <message>
        <source>The request body has %1 bytes; the ingest endpoint accepts at most %2. Send smaller batches.</source>
        <translation>Der Anfragetext hat %1 Bytes; der Ingest-Endpunkt akzeptiert höchstens %2. Senden Sie kleinere Stapel.</translation>
    </message>
    <message>
        <source>Could not read the ingest endpoint&apos;s TLS certificate %1: %2. Check the path and its permissions.</source>
        <translation>Das TLS-Zertifikat %1 des Ingest-Endpunkts konnte nicht gelesen werden: %2. Prüfen Sie den Pfad und seine Berechtigungen.</translation>
    </message>
    <message>
        <source>The ingest endpoint&apos;s TLS certificate %1 holds no PEM certificate.</source>
        <translation>Das TLS-Zertifikat %1 des Ingest-Endpunkts enthält kein PEM-Zertifikat.</translation>
    </message>
    <message>
        <source>Could not read the ingest endpoint&apos;s TLS key %1: %2. Check the path and its permissions.</source>
        <translation>Der TLS-Schlüssel %1 des Ingest-Endpunkts konnte nicht gelesen werden: %2. Prüfen Sie den Pfad und seine Berechtigungen.</translation>
    </message>
    <message>
        <source>The ingest endpoint&apos;s TLS key %1 is not an unencrypted PEM RSA or EC private key.</source>
        <translation>Der TLS-Schlüssel %1 des Ingest-Endpunkts ist kein unverschlüsselter privater RSA- oder EC-Schlüssel im PEM-Format.</translation>
    </message>
    <message>
        <source>The ingest endpoint is already listening on port %1.</source>
        <translation>Der Ingest-Endpunkt lauscht bereits auf Port %1.</translation>
    </message>
    <message>
        <source>The ingest endpoint binds only to the loopback address unless binding to other addresses is allowed explicitly; %1 was asked for. Allow remote access in the engine settings (and configure TLS) or use 127.0.0.1.</source>
        <translation>Der Ingest-Endpunkt bindet sich nur an die Loopback-Adresse, solange das Binden an andere Adressen nicht ausdrücklich erlaubt ist; angefordert wurde %1. Erlauben Sie den Fernzugriff in den Engine-Einstellungen (und richten Sie TLS ein) oder verwenden Sie 127.0.0.1.</translation>
    </message>
    <message>
        <source>TLS for the ingest endpoint needs both a certificate and a private key file.</source>
        <translation>TLS für den Ingest-Endpunkt erfordert sowohl eine Zertifikatsdatei als auch eine Datei mit dem privaten Schlüssel.</translation>
    </message>
    <message>
        <source>The ingest endpoint could not listen on %1:%2 (%3). Choose another port or stop the program that uses it.</source>
        <translation>Der Ingest-Endpunkt konnte nicht auf %1:%2 lauschen (%3). Wählen Sie einen anderen Port oder beenden Sie das Programm, das ihn belegt.</translation>
    </message>
    <message>
        <source>Use POST for the events endpoint, not %1.</source>
        <translation>Verwenden Sie POST für den Ereignis-Endpunkt, nicht %1.</translation>
    </message>
    <message>
        <source>Use GET for %1, not %2.</source>
        <translation>Verwenden Sie GET für %1, nicht %2.</translation>
    </message>
    <message>
        <source>There is nothing at %1. The events endpoint is POST %2.</source>
        <translation>Unter %1 gibt es nichts. Der Ereignis-Endpunkt ist POST %2.</translation>
    </message>
    <message>
        <source>The request has no Authorization: Bearer header; send the ingest key the Azure Function is configured with (STACK_API_KEY).</source>
        <translation>Der Anfrage fehlt der Header Authorization: Bearer; senden Sie den Ingest-Schlüssel, mit dem die Azure Function eingerichtet ist (STACK_API_KEY).</translation>
    </message>
    <message>
        <source>The ingest key is wrong. Set the Azure Function&apos;s STACK_API_KEY to the ingest key of the TwinBridge profile.</source>
        <translation>Der Ingest-Schlüssel ist falsch. Setzen Sie STACK_API_KEY der Azure Function auf den Ingest-Schlüssel des TwinBridge-Profils.</translation>
    </message>
    <message>
        <source>This engine serves application &quot;%1&quot;, not &quot;%2&quot;. Set the Azure Function&apos;s STACK_APPLICATION_ID to %1.</source>
        <translation>Diese Engine bedient die Anwendung „%1“, nicht „%2“. Setzen Sie STACK_APPLICATION_ID der Azure Function auf %1.</translation>
    </message>
    <message>
        <source>The request body has %1 bytes; the ingest endpoint accepts at most %2.</source>
        <translation>Der Anfragetext hat %1 Bytes; der Ingest-Endpunkt akzeptiert höchstens %2.</translation>
    </message>
    <message>
        <source>The engine could not store the events; send them again later.</source>
        <translation>Die Engine konnte die Ereignisse nicht speichern; senden Sie sie später erneut.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::IotHubConnectionString</name>
    <message>
        <source>The connection string is not valid: %1</source>
        <translation>Die Verbindungszeichenfolge ist ungültig: %1</translation>
    </message>
    <message>
        <source>the value of %1 is not valid; it is not shown because it contains &apos;=&apos; or white space and may hold a key. Is a &apos;;&apos; missing between two parts?</source>
        <translation>der Wert von %1 ist ungültig; er wird nicht angezeigt, weil er &apos;=&apos; oder Leerraum enthält und einen Schlüssel enthalten könnte. Fehlt ein &apos;;&apos; zwischen zwei Teilen?</translation>
    </message>
    <message>
        <source>the port in GatewayHostName must be a number from 1 to 65535.</source>
        <translation>der Port in GatewayHostName muss eine Zahl von 1 bis 65535 sein.</translation>
    </message>
    <message>
        <source>GatewayHostName</source>
        <translation>GatewayHostName</translation>
    </message>
    <message>
        <source>it is empty. Paste a connection string such as HostName=…;SharedAccessKeyName=…;SharedAccessKey=….</source>
        <translation>sie ist leer. Fügen Sie eine Verbindungszeichenfolge wie HostName=…;SharedAccessKeyName=…;SharedAccessKey=… ein.</translation>
    </message>
    <message>
        <source>part %1 is empty (two &apos;;&apos; in a row).</source>
        <translation>Teil %1 ist leer (zwei &apos;;&apos; hintereinander).</translation>
    </message>
    <message>
        <source>part %1 has no &apos;=&apos;: every part must be Name=value.</source>
        <translation>Teil %1 hat kein &apos;=&apos;: Jeder Teil muss die Form Name=Wert haben.</translation>
    </message>
    <message>
        <source>part %1 has a value but no name.</source>
        <translation>Teil %1 hat einen Wert, aber keinen Namen.</translation>
    </message>
    <message>
        <source>part %1 is named &quot;%2&quot;, but names are case-sensitive: write &quot;%3&quot;.</source>
        <translation>Teil %1 heißt „%2“, aber bei Namen wird die Groß-/Kleinschreibung unterschieden: Schreiben Sie „%3“.</translation>
    </message>
    <message>
        <source>X.509 certificate authentication (x509=true) is not supported; use a connection string with SharedAccessKey.</source>
        <translation>Die Authentifizierung mit X.509-Zertifikaten (x509=true) wird nicht unterstützt; verwenden Sie eine Verbindungszeichenfolge mit SharedAccessKey.</translation>
    </message>
    <message>
        <source>part %1 has the unknown name &quot;%2&quot;; expected HostName, SharedAccessKeyName, SharedAccessKey, SharedAccessSignature, DeviceId, ModuleId or GatewayHostName.</source>
        <translation>Teil %1 hat den unbekannten Namen „%2“; erwartet wird HostName, SharedAccessKeyName, SharedAccessKey, SharedAccessSignature, DeviceId, ModuleId oder GatewayHostName.</translation>
    </message>
    <message>
        <source>part %1 has an unknown name; expected HostName, SharedAccessKeyName, SharedAccessKey, SharedAccessSignature, DeviceId, ModuleId or GatewayHostName.</source>
        <translation>Teil %1 hat einen unbekannten Namen; erwartet wird HostName, SharedAccessKeyName, SharedAccessKey, SharedAccessSignature, DeviceId, ModuleId oder GatewayHostName.</translation>
    </message>
    <message>
        <source>the value of %1 is empty.</source>
        <translation>der Wert von %1 ist leer.</translation>
    </message>
    <message>
        <source>%1 appears twice.</source>
        <translation>%1 kommt zweimal vor.</translation>
    </message>
    <message>
        <source>HostName is missing.</source>
        <translation>HostName fehlt.</translation>
    </message>
    <message>
        <source>HostName</source>
        <translation>HostName</translation>
    </message>
    <message>
        <source>DeviceId</source>
        <translation>DeviceId</translation>
    </message>
    <message>
        <source>ModuleId</source>
        <translation>ModuleId</translation>
    </message>
    <message>
        <source>ModuleId needs a DeviceId.</source>
        <translation>ModuleId erfordert eine DeviceId.</translation>
    </message>
    <message>
        <source>GatewayHostName belongs in device connection strings (with DeviceId).</source>
        <translation>GatewayHostName gehört in Geräte-Verbindungszeichenfolgen (mit DeviceId).</translation>
    </message>
    <message>
        <source>it needs DeviceId (a device connection string) or SharedAccessKeyName (a hub connection string).</source>
        <translation>sie braucht DeviceId (eine Geräte-Verbindungszeichenfolge) oder SharedAccessKeyName (eine Hub-Verbindungszeichenfolge).</translation>
    </message>
    <message>
        <source>it has both SharedAccessKey and SharedAccessSignature; keep only one.</source>
        <translation>sie enthält sowohl SharedAccessKey als auch SharedAccessSignature; behalten Sie nur eines davon.</translation>
    </message>
    <message>
        <source>SharedAccessKey is missing.</source>
        <translation>SharedAccessKey fehlt.</translation>
    </message>
    <message>
        <source>SharedAccessKey is not base64 text.</source>
        <translation>SharedAccessKey ist kein Base64-Text.</translation>
    </message>
    <message>
        <source>SharedAccessSignature is not a valid token. %1</source>
        <translation>SharedAccessSignature ist kein gültiges Token. %1</translation>
    </message>
    <message>
        <source>this is a device connection string (it has DeviceId); a hub connection string is needed here. Copy it from the hub&apos;s &quot;Shared access policies&quot; page in the Azure portal.</source>
        <translation>dies ist eine Geräte-Verbindungszeichenfolge (sie enthält DeviceId); hier wird eine Hub-Verbindungszeichenfolge benötigt. Kopieren Sie sie im Azure-Portal von der Seite „Freigegebene Zugriffsrichtlinien“ (Shared access policies) des Hubs.</translation>
    </message>
    <message>
        <source>this is a hub connection string (it has no DeviceId); a device connection string is needed here. Copy it from the device&apos;s page in the Azure portal.</source>
        <translation>dies ist eine Hub-Verbindungszeichenfolge (sie enthält keine DeviceId); hier wird eine Geräte-Verbindungszeichenfolge benötigt. Kopieren Sie sie im Azure-Portal von der Seite des Geräts.</translation>
    </message>
    <message>
        <source>%1 is empty.</source>
        <translation>%1 ist leer.</translation>
    </message>
    <message>
        <source>%1 is not base64 text. Copy the primary or secondary key again from the Azure portal, without spaces or line breaks.</source>
        <translation>%1 ist kein Base64-Text. Kopieren Sie den Primär- oder Sekundärschlüssel erneut aus dem Azure-Portal, ohne Leerzeichen oder Zeilenumbrüche.</translation>
    </message>
    <message>
        <source>%1 decodes to %2 bytes; IoT Hub keys have %3 to %4 bytes. Copy the whole key again from the Azure portal.</source>
        <translation>%1 ergibt dekodiert %2 Bytes; IoT-Hub-Schlüssel haben %3 bis %4 Bytes. Kopieren Sie den ganzen Schlüssel erneut aus dem Azure-Portal.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::IotHubConnectionTest</name>
    <message>
        <source>Policy right %1</source>
        <translation>Richtlinienrecht %1</translation>
    </message>
    <message>
        <source>REST endpoint reachable</source>
        <translation>REST-Endpunkt erreichbar</translation>
    </message>
    <message>
        <source>TLS certificate of the REST endpoint</source>
        <translation>TLS-Zertifikat des REST-Endpunkts</translation>
    </message>
    <message>
        <source>Clock in step with the hub</source>
        <translation>Uhr im Einklang mit dem Hub</translation>
    </message>
    <message>
        <source>Policy key accepted</source>
        <translation>Richtlinienschlüssel akzeptiert</translation>
    </message>
    <message>
        <source>Device MQTT endpoint reachable</source>
        <translation>Geräte-MQTT-Endpunkt erreichbar</translation>
    </message>
    <message>
        <source>The profile has no IoT Hub host name. Enter it (myhub.azure-devices.net), or deploy a hub on the Deploy page.</source>
        <translation>Das Profil hat keinen IoT-Hub-Hostnamen. Geben Sie ihn ein (myhub.azure-devices.net), oder stellen Sie auf der Seite „Bereitstellen“ einen Hub bereit.</translation>
    </message>
    <message>
        <source>Not tried: the TLS settings are unusable.</source>
        <translation>Nicht versucht: Die TLS-Einstellungen sind unbrauchbar.</translation>
    </message>
    <message>
        <source>The hub&apos;s REST endpoint %1 answers.</source>
        <translation>Der REST-Endpunkt %1 des Hubs antwortet.</translation>
    </message>
    <message>
        <source>The REST endpoint is plain HTTP: tokens travel unencrypted. IoT Hub itself is HTTPS only; check the REST endpoint in the profile.</source>
        <translation>Der REST-Endpunkt ist unverschlüsseltes HTTP: Tokens werden unverschlüsselt übertragen. IoT Hub selbst verwendet nur HTTPS; prüfen Sie den REST-Endpunkt im Profil.</translation>
    </message>
    <message>
        <source>Not checked: the REST endpoint could not be used.</source>
        <translation>Nicht geprüft: Der REST-Endpunkt konnte nicht verwendet werden.</translation>
    </message>
    <message>
        <source>The profile names no shared access policy. Enter the policy&apos;s name (e.g. iothubowner) and its key on the Connections page.</source>
        <translation>Das Profil nennt keine SAS-Richtlinie. Geben Sie den Namen der Richtlinie (z. B. iothubowner) und ihren Schlüssel auf der Seite „Verbindungen“ ein.</translation>
    </message>
    <message>
        <source>The key of the policy “%1” is not stored in this profile. Enter it on the Connections page (Azure portal → IoT Hub → Shared access policies).</source>
        <translation>Der Schlüssel der Richtlinie „%1“ ist in diesem Profil nicht gespeichert. Geben Sie ihn auf der Seite „Verbindungen“ ein (Azure-Portal → IoT Hub → Freigegebene Zugriffsrichtlinien).</translation>
    </message>
    <message>
        <source>Not checked: without a key no call can be signed.</source>
        <translation>Nicht geprüft: Ohne Schlüssel kann kein Aufruf signiert werden.</translation>
    </message>
    <message>
        <source>Not checked: no policy key.</source>
        <translation>Nicht geprüft: kein Richtlinienschlüssel.</translation>
    </message>
    <message>
        <source>call the hub</source>
        <translation>Aufrufen des Hubs</translation>
    </message>
    <message>
        <source>The hub answered HTTP %1%2; the right could not be checked. Try again later.</source>
        <translation>Der Hub hat mit HTTP %1%2 geantwortet; das Recht konnte nicht geprüft werden. Versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>the hub</source>
        <translation>des Hubs</translation>
    </message>
    <message>
        <source>IoT Hub checks SAS token expiry with its own clock and allows about 5 minutes of skew, so tokens signed here may be refused. Set this computer&apos;s clock right (turn on automatic time/NTP).</source>
        <translation>IoT Hub prüft den Ablauf von SAS-Tokens mit seiner eigenen Uhr und toleriert etwa 5 Minuten Abweichung, daher werden hier signierte Tokens möglicherweise abgelehnt. Stellen Sie die Uhr dieses Computers richtig (aktivieren Sie die automatische Zeit/NTP).</translation>
    </message>
    <message>
        <source>Not checked: the hub&apos;s answers carry no Date header to compare with.</source>
        <translation>Nicht geprüft: Die Antworten des Hubs enthalten keinen Date-Header zum Vergleich.</translation>
    </message>
    <message>
        <source>reading device identities (the Devices page, provisioning checks)</source>
        <translation>das Lesen von Geräteidentitäten (die Seite „Geräte“, Bereitstellungsprüfungen)</translation>
    </message>
    <message>
        <source>reading and updating twins and running queries</source>
        <translation>das Lesen und Aktualisieren von Zwillingen und das Ausführen von Abfragen</translation>
    </message>
    <message>
        <source>creating, updating and deleting device identities (identity on demand)</source>
        <translation>das Erstellen, Aktualisieren und Löschen von Geräteidentitäten (Identität bei Bedarf)</translation>
    </message>
    <message>
        <source>There is no IoT hub “%1”. Check the host name in the profile.</source>
        <translation>Es gibt keinen IoT Hub „%1“. Prüfen Sie den Hostnamen im Profil.</translation>
    </message>
    <message>
        <source>The hub gave no usable answer.</source>
        <translation>Der Hub hat keine verwertbare Antwort gegeben.</translation>
    </message>
    <message>
        <source>The hub refused every token signed with the key of policy “%1”. This computer&apos;s clock is off (see above), which alone makes the hub refuse tokens: fix the clock first, then test again.</source>
        <translation>Der Hub hat jedes mit dem Schlüssel der Richtlinie „%1“ signierte Token abgelehnt. Die Uhr dieses Computers geht falsch (siehe oben), was allein schon dazu führt, dass der Hub Tokens ablehnt: Korrigieren Sie zuerst die Uhr und testen Sie dann erneut.</translation>
    </message>
    <message>
        <source>The hub refused the key of policy “%1” for every service call (401): the key is wrong — or the policy has none of RegistryRead, RegistryWrite and ServiceConnect. Copy the primary key of “%1” from the Azure portal (IoT Hub → Shared access policies), or use a policy with those rights.</source>
        <translation>Der Hub hat den Schlüssel der Richtlinie „%1“ für jeden Dienstaufruf abgelehnt (401): Der Schlüssel ist falsch — oder die Richtlinie hat keines der Rechte RegistryRead, RegistryWrite und ServiceConnect. Kopieren Sie den Primärschlüssel von „%1“ aus dem Azure-Portal (IoT Hub → Freigegebene Zugriffsrichtlinien), oder verwenden Sie eine Richtlinie mit diesen Rechten.</translation>
    </message>
    <message>
        <source>The hub accepted tokens signed with the key of policy “%1”.</source>
        <translation>Der Hub hat mit dem Schlüssel der Richtlinie „%1“ signierte Tokens akzeptiert.</translation>
    </message>
    <message>
        <source>Granted: the policy allows %1.</source>
        <translation>Gewährt: Die Richtlinie erlaubt %1.</translation>
    </message>
    <message>
        <source>The policy “%1” lacks %2, which TwinBridge needs for %3. Add %2 to the policy in the Azure portal, or use a policy that has it (iothubowner has all rights).</source>
        <translation>Der Richtlinie „%1“ fehlt %2, das TwinBridge für %3 benötigt. Fügen Sie %2 der Richtlinie im Azure-Portal hinzu, oder verwenden Sie eine Richtlinie, die es hat (iothubowner hat alle Rechte).</translation>
    </message>
    <message>
        <source>Not checked: the key was not accepted.</source>
        <translation>Nicht geprüft: Der Schlüssel wurde nicht akzeptiert.</translation>
    </message>
    <message>
        <source>The profile&apos;s MQTT host or port is not usable. Check them on the Connections page.</source>
        <translation>MQTT-Host oder -Port des Profils sind nicht verwendbar. Prüfen Sie sie auf der Seite „Verbindungen“.</translation>
    </message>
    <message>
        <source>Not checked: the device MQTT endpoint could not be used.</source>
        <translation>Nicht geprüft: Der Geräte-MQTT-Endpunkt konnte nicht verwendet werden.</translation>
    </message>
    <message>
        <source>Not checked: finding a device to try it with needs ServiceConnect and an accepted key. The engine finds out at the first uplink.</source>
        <translation>Nicht geprüft: Um ein Gerät für den Versuch zu finden, sind ServiceConnect und ein akzeptierter Schlüssel nötig. Die Engine stellt es beim ersten Uplink fest.</translation>
    </message>
    <message>
        <source>Not checked: the device list could not be read: %1</source>
        <translation>Nicht geprüft: Die Geräteliste konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Not checked: the hub has no enabled device that is disconnected right now to try the policy with (connected devices are not disturbed). The engine finds out at the first uplink.</source>
        <translation>Nicht geprüft: Der Hub hat kein aktiviertes, derzeit getrenntes Gerät, mit dem sich die Richtlinie ausprobieren ließe (verbundene Geräte werden nicht gestört). Die Engine stellt es beim ersten Uplink fest.</translation>
    </message>
    <message>
        <source>Granted: the hub let the device “%1” connect with a token of policy “%2” (and it was disconnected again at once).</source>
        <translation>Gewährt: Der Hub hat das Gerät „%1“ mit einem Token der Richtlinie „%2“ verbinden lassen (und es wurde sofort wieder getrennt).</translation>
    </message>
    <message>
        <source>The hub refused the device “%1” a connection signed with policy “%2”: the policy lacks DeviceConnect, which the engine needs to send uplinks and reported properties as the devices. Add DeviceConnect to the policy, or use one that has it (iothubowner).</source>
        <translation>Der Hub hat dem Gerät „%1“ eine mit der Richtlinie „%2“ signierte Verbindung verweigert: Der Richtlinie fehlt DeviceConnect, das die Engine benötigt, um Uplinks und gemeldete Eigenschaften im Namen der Geräte zu senden. Fügen Sie der Richtlinie DeviceConnect hinzu, oder verwenden Sie eine, die es hat (iothubowner).</translation>
    </message>
</context>
<context>
    <name>TwinBridge::IotHubDeviceClient</name>
    <message>
        <source>connect device %1 to IoT Hub</source>
        <translation>Verbinden von Gerät %1 mit IoT Hub</translation>
    </message>
    <message>
        <source>use the IoT Hub connection of %1</source>
        <translation>Verwenden der IoT-Hub-Verbindung von %1</translation>
    </message>
    <message>
        <source>send telemetry of %1</source>
        <translation>Senden von Telemetrie von %1</translation>
    </message>
    <message>
        <source>update the reported properties of %1</source>
        <translation>Aktualisieren der gemeldeten Eigenschaften von %1</translation>
    </message>
    <message>
        <source>IoT Hub sent a malformed MQTT packet; the connection was closed and will be opened again.</source>
        <translation>IoT Hub hat ein fehlerhaftes MQTT-Paket gesendet; die Verbindung wurde geschlossen und wird erneut geöffnet.</translation>
    </message>
    <message>
        <source>IoT Hub refused the subscription to twin responses. Check that the hub&apos;s tier has device twins (Free or Standard).</source>
        <translation>IoT Hub hat das MQTT-Abonnement für Zwillingsantworten abgelehnt. Prüfen Sie, ob der Tarif des Hubs Gerätezwillinge bietet (Free oder Standard).</translation>
    </message>
    <message>
        <source>IoT Hub sent an MQTT packet a device never receives; the connection was closed.</source>
        <translation>IoT Hub hat ein MQTT-Paket gesendet, das ein Gerät nie empfängt; die Verbindung wurde geschlossen.</translation>
    </message>
    <message>
        <source>IoT Hub is unavailable or throttling new device connections (CONNACK 3). The connection will be retried after a pause.</source>
        <translation>IoT Hub ist nicht verfügbar oder drosselt neue Geräteverbindungen (CONNACK 3). Der Verbindungsaufbau wird nach einer Pause wiederholt.</translation>
    </message>
    <message>
        <source>IoT Hub refused the device&apos;s user name or SAS token (CONNACK 4). Check the access policy name and key in the profile.</source>
        <translation>IoT Hub hat den Benutzernamen oder das SAS-Token des Geräts abgelehnt (CONNACK 4). Prüfen Sie Namen und Schlüssel der SAS-Richtlinie im Profil.</translation>
    </message>
    <message>
        <source>IoT Hub did not authorize the device (CONNACK 5): the SAS token is wrong or expired, the policy lacks the DeviceConnect right, or the device is disabled or unknown. Check the access policy and the device identity.</source>
        <translation>IoT Hub hat das Gerät nicht autorisiert (CONNACK 5): das SAS-Token ist falsch oder abgelaufen, der Richtlinie fehlt das Recht DeviceConnect oder das Gerät ist deaktiviert oder unbekannt. Prüfen Sie die SAS-Richtlinie und die Geräteidentität.</translation>
    </message>
    <message>
        <source>IoT Hub rejected the device id as MQTT client identifier (CONNACK 2). Check that the device id is valid for IoT Hub.</source>
        <translation>IoT Hub hat die Geräte-ID als MQTT-Client-ID abgelehnt (CONNACK 2). Prüfen Sie, ob die Geräte-ID für IoT Hub gültig ist.</translation>
    </message>
    <message>
        <source>IoT Hub refused the MQTT protocol version (CONNACK 1). It expects MQTT 3.1.1.</source>
        <translation>IoT Hub hat die MQTT-Protokollversion abgelehnt (CONNACK 1). Erwartet wird MQTT 3.1.1.</translation>
    </message>
    <message>
        <source>IoT Hub is throttling twin updates (429). The update will be retried after a pause.</source>
        <translation>IoT Hub drosselt Zwillingsaktualisierungen (429). Die Aktualisierung wird nach einer Pause wiederholt.</translation>
    </message>
    <message>
        <source>IoT Hub rejected the reported-property patch as malformed (400).</source>
        <translation>IoT Hub hat den Patch der gemeldeten Eigenschaften als fehlerhaft abgelehnt (400).</translation>
    </message>
    <message>
        <source>IoT Hub rejected the reported-property patch (400): %1</source>
        <translation>IoT Hub hat den Patch der gemeldeten Eigenschaften abgelehnt (400): %1</translation>
    </message>
    <message>
        <source>IoT Hub answered the reported-property patch with status %1.</source>
        <translation>IoT Hub hat den Patch der gemeldeten Eigenschaften mit Status %1 beantwortet.</translation>
    </message>
    <message>
        <source>IoT Hub answered the reported-property patch with status %1: %2</source>
        <translation>IoT Hub hat den Patch der gemeldeten Eigenschaften mit Status %1 beantwortet: %2</translation>
    </message>
    <message>
        <source>The device is not connected to IoT Hub.</source>
        <translation>Das Gerät ist nicht mit IoT Hub verbunden.</translation>
    </message>
    <message>
        <source>IoT Hub did not accept the connection within %1 seconds. Check the MQTT host and port of the profile and the network.</source>
        <translation>IoT Hub hat die Verbindung nicht innerhalb von %1 Sekunden angenommen. Prüfen Sie MQTT-Hostname und -Port im Profil sowie das Netzwerk.</translation>
    </message>
    <message>
        <source>IoT Hub did not answer within %1 seconds; the connection was closed and will be opened again.</source>
        <translation>IoT Hub hat nicht innerhalb von %1 Sekunden geantwortet; die Verbindung wurde geschlossen und wird erneut geöffnet.</translation>
    </message>
    <message>
        <source>IoT Hub did not answer the keep-alive ping; the connection was closed.</source>
        <translation>IoT Hub hat nicht auf den Keep-Alive-Ping geantwortet; die Verbindung wurde geschlossen.</translation>
    </message>
    <message>
        <source>IoT Hub closed the connection before accepting the device; it will be retried.</source>
        <translation>IoT Hub hat die Verbindung geschlossen, bevor das Gerät angenommen wurde; der Verbindungsaufbau wird wiederholt.</translation>
    </message>
    <message>
        <source>IoT Hub closed the device&apos;s connection; it will be opened again.</source>
        <translation>IoT Hub hat die Verbindung des Geräts geschlossen; sie wird erneut geöffnet.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::IotHubErrorEnvelope</name>
    <message>
        <source> Tracking ID: %1</source>
        <translation> Tracking-ID: %1</translation>
    </message>
</context>
<context>
    <name>TwinBridge::IotHubMqttUsername</name>
    <message>
        <source>The MQTT user name is not one IoT Hub accepts: %1</source>
        <translation>IoT Hub akzeptiert diesen MQTT-Benutzernamen nicht: %1</translation>
    </message>
    <message>
        <source>it is empty.</source>
        <translation>er ist leer.</translation>
    </message>
    <message>
        <source>it must have the form {host}/{deviceId}/?api-version=….</source>
        <translation>er muss die Form {host}/{deviceId}/?api-version=… haben.</translation>
    </message>
    <message>
        <source>it has more path segments than {host}/{deviceId}/{moduleId}/.</source>
        <translation>er hat mehr Pfadsegmente als {host}/{deviceId}/{moduleId}/.</translation>
    </message>
    <message>
        <source>host name</source>
        <translation>Hostname</translation>
    </message>
    <message>
        <source>device id</source>
        <translation>Geräte-ID</translation>
    </message>
    <message>
        <source>module id</source>
        <translation>Modul-ID</translation>
    </message>
    <message>
        <source>api-version is empty.</source>
        <translation>api-version ist leer.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::IotHubNames</name>
    <message>
        <source>The %1 is empty.</source>
        <translation>Der Wert für %1 ist leer.</translation>
    </message>
    <message>
        <source>The %1 has %2 characters; IoT Hub allows at most %3.</source>
        <translation>Der Wert für %1 hat %2 Zeichen; IoT Hub erlaubt höchstens %3.</translation>
    </message>
    <message>
        <source>The %1 &quot;%2&quot; contains %3; IoT Hub allows only ASCII letters, digits and - : . + % _ # * ? ! ( ) , = @ ; $ &apos;.</source>
        <translation>Der Wert „%2“ für %1 enthält %3; IoT Hub erlaubt nur ASCII-Buchstaben, Ziffern und - : . + % _ # * ? ! ( ) , = @ ; $ &apos;.</translation>
    </message>
    <message>
        <source>The %1 &quot;%2&quot; is not a host name: use a DNS name such as myhub.azure-devices.net (letters, digits, &apos;-&apos; and dots, no scheme, path or spaces).</source>
        <translation>Der Wert „%2“ für %1 ist kein Hostname: Verwenden Sie einen DNS-Namen wie myhub.azure-devices.net (Buchstaben, Ziffern, &apos;-&apos; und Punkte, ohne Schema, Pfad oder Leerzeichen).</translation>
    </message>
</context>
<context>
    <name>TwinBridge::IotHubServiceClient</name>
    <message>
        <source>The IoT hub host name is not set. Enter it in the profile (for example myhub.azure-devices.net).</source>
        <translation>Der Hostname des IoT-Hubs ist nicht gesetzt. Geben Sie ihn im Profil ein (zum Beispiel myhub.azure-devices.net).</translation>
    </message>
    <message>
        <source>The shared access policy name is not set. Enter it in the profile (for example iothubowner).</source>
        <translation>Der Name der SAS-Richtlinie ist nicht gesetzt. Geben Sie ihn im Profil ein (zum Beispiel iothubowner).</translation>
    </message>
    <message>
        <source>The key of the shared access policy &quot;%1&quot; is not set. Copy it from the Azure portal (IoT hub → Shared access policies) into the profile.</source>
        <translation>Der Schlüssel der SAS-Richtlinie „%1“ ist nicht gesetzt. Kopieren Sie ihn aus dem Azure-Portal (IoT-Hub → Freigegebene Zugriffsrichtlinien) in das Profil.</translation>
    </message>
    <message>
        <source>HTTP %1 with a body that is not JSON (%2).</source>
        <translation>HTTP %1 mit einem Inhalt, der kein JSON ist (%2).</translation>
    </message>
    <message>
        <source>HTTP %1 with a body that is not a JSON object.</source>
        <translation>HTTP %1 mit einem Inhalt, der kein JSON-Objekt ist.</translation>
    </message>
    <message>
        <source>The hub (%1) allows %2.</source>
        <translation>Der Hub (%1) erlaubt %2.</translation>
    </message>
    <message>
        <source>Each hub tier allows only so many %1; set the hub&apos;s tier and units in the profile so that TwinBridge paces its requests.</source>
        <translation>Jeder Hub-Tarif erlaubt nur begrenzt viele %1; geben Sie Tarif und Einheiten des Hubs im Profil an, damit TwinBridge seine Anfragen entsprechend taktet.</translation>
    </message>
    <message>
        <source>The hub&apos;s tier does not offer %1. Device twins and queries need a Free or Standard tier hub; Basic tiers lack them.</source>
        <translation>Der Tarif des Hubs bietet kein %1. Gerätezwillinge und Abfragen erfordern einen Hub im Tarif Free oder Standard; den Basic-Tarifen fehlen sie.</translation>
    </message>
    <message>
        <source>The IoT hub &quot;%1&quot; does not exist. Check the host name in the profile.</source>
        <translation>Der IoT-Hub „%1“ existiert nicht. Prüfen Sie den Hostnamen im Profil.</translation>
    </message>
    <message>
        <source>IoT Hub rejected the access token as expired. Check that this computer&apos;s clock is correct.</source>
        <translation>IoT Hub hat das Zugriffstoken als abgelaufen abgelehnt. Prüfen Sie, ob die Uhr dieses Computers richtig geht.</translation>
    </message>
    <message>
        <source>The shared access policy &quot;%1&quot; lacks %2, which %3 needs — or the key is wrong. Use a policy with RegistryRead, RegistryWrite and ServiceConnect.</source>
        <translation>Der SAS-Richtlinie „%1“ fehlt die Berechtigung %2, die zum %3 nötig ist – oder der Schlüssel ist falsch. Verwenden Sie eine Richtlinie mit RegistryRead, RegistryWrite und ServiceConnect.</translation>
    </message>
    <message>
        <source>IoT Hub rejected the request as invalid. Check the device id and the values entered.</source>
        <translation>IoT Hub hat die Anfrage als ungültig abgelehnt. Prüfen Sie die Geräte-ID und die eingegebenen Werte.</translation>
    </message>
    <message>
        <source>IoT Hub rejected the request as invalid: %1</source>
        <translation>IoT Hub hat die Anfrage als ungültig abgelehnt: %1</translation>
    </message>
    <message>
        <source>The hub &quot;%1&quot; has used up its daily message quota. Wait until it resets (00:00 UTC) or scale the hub up.</source>
        <translation>Der Hub „%1“ hat sein tägliches Nachrichtenkontingent aufgebraucht. Warten Sie, bis es zurückgesetzt wird (00:00 UTC), oder skalieren Sie den Hub hoch.</translation>
    </message>
    <message>
        <source>IoT Hub refused %1. Check the policy&apos;s rights and the hub&apos;s tier and quotas.</source>
        <translation>IoT Hub hat das %1 verweigert. Prüfen Sie die Berechtigungen der Richtlinie sowie Tarif und Kontingente des Hubs.</translation>
    </message>
    <message>
        <source>IoT Hub refused %1: %2 Check the policy&apos;s rights and the hub&apos;s tier and quotas.</source>
        <translation>IoT Hub hat das %1 verweigert: %2 Prüfen Sie die Berechtigungen der Richtlinie sowie Tarif und Kontingente des Hubs.</translation>
    </message>
    <message>
        <source>The device &quot;%1&quot; does not exist in the hub &quot;%2&quot;. Check the device id, or create the device first.</source>
        <translation>Das Gerät „%1“ existiert im Hub „%2“ nicht. Prüfen Sie die Geräte-ID oder erstellen Sie das Gerät zuerst.</translation>
    </message>
    <message>
        <source>IoT Hub answered &quot;not found&quot; for %1. Check the hub host name and the endpoint address in the profile.</source>
        <translation>IoT Hub hat auf das %1 mit „nicht gefunden“ geantwortet. Prüfen Sie den Hostnamen des Hubs und die Endpunktadresse im Profil.</translation>
    </message>
    <message>
        <source>A device with the id &quot;%1&quot; already exists in the hub &quot;%2&quot;. Choose another id, or update the existing device instead.</source>
        <translation>Im Hub „%2“ gibt es bereits ein Gerät mit der ID „%1“. Wählen Sie eine andere ID oder aktualisieren Sie stattdessen das vorhandene Gerät.</translation>
    </message>
    <message>
        <source>IoT Hub reported a conflict while %1: %2</source>
        <translation>IoT Hub hat beim %1 einen Konflikt gemeldet: %2</translation>
    </message>
    <message>
        <source>The twin of device &quot;%1&quot; was changed by someone else since it was read (its etag no longer matches). Look at the current twin and apply your change again.</source>
        <translation>Der Zwilling des Geräts „%1“ wurde seit dem Lesen von jemand anderem geändert (sein ETag stimmt nicht mehr). Sehen Sie sich den aktuellen Zwilling an und nehmen Sie Ihre Änderung erneut vor.</translation>
    </message>
    <message>
        <source>The device &quot;%1&quot; was changed by someone else since it was read (its etag no longer matches). Reload the device and apply your change again.</source>
        <translation>Das Gerät „%1“ wurde seit dem Lesen von jemand anderem geändert (sein ETag stimmt nicht mehr). Laden Sie das Gerät neu und nehmen Sie Ihre Änderung erneut vor.</translation>
    </message>
    <message>
        <source>The data was changed by someone else since it was read (the etag no longer matches). Reload it and try again.</source>
        <translation>Die Daten wurden seit dem Lesen von jemand anderem geändert (das ETag stimmt nicht mehr). Laden Sie sie neu und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The hub &quot;%1&quot; holds the maximum number of devices. Delete unused devices or use another hub.</source>
        <translation>Der Hub „%1“ enthält bereits die maximale Anzahl an Geräten. Löschen Sie nicht verwendete Geräte oder verwenden Sie einen anderen Hub.</translation>
    </message>
    <message>
        <source>The request is too large for IoT Hub. Twin tags hold at most 8 KB, desired properties 32 KB and each property 4 KB; a bulk request at most 100 devices.</source>
        <translation>Die Anfrage ist für IoT Hub zu groß. Zwillings-Tags fassen höchstens 8 KB, gewünschte Eigenschaften 32 KB und jede einzelne Eigenschaft 4 KB; eine Massenanfrage höchstens 100 Geräte.</translation>
    </message>
    <message numerus="yes">
        <source>IoT Hub throttled %1 and still refused after %n attempt(s). %2 Wait a minute and try again, or scale the hub up.</source>
        <translation>
            <numerusform>IoT Hub hat das %1 gedrosselt und auch nach %n Versuch noch abgelehnt. %2 Warten Sie eine Minute und versuchen Sie es erneut oder skalieren Sie den Hub hoch.</numerusform>
            <numerusform>IoT Hub hat das %1 gedrosselt und auch nach %n Versuchen noch abgelehnt. %2 Warten Sie eine Minute und versuchen Sie es erneut oder skalieren Sie den Hub hoch.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>IoT Hub is temporarily unavailable and still was after %n attempt(s). Try again in a few minutes.</source>
        <translation>
            <numerusform>IoT Hub ist vorübergehend nicht verfügbar, auch nach %n Versuch noch. Versuchen Sie es in einigen Minuten erneut.</numerusform>
            <numerusform>IoT Hub ist vorübergehend nicht verfügbar, auch nach %n Versuchen noch. Versuchen Sie es in einigen Minuten erneut.</numerusform>
        </translation>
    </message>
    <message>
        <source>IoT Hub had an internal error (HTTP %1). Try again later; if it keeps happening, check the Azure status page.</source>
        <translation>In IoT Hub ist ein interner Fehler aufgetreten (HTTP %1). Versuchen Sie es später erneut; tritt der Fehler weiterhin auf, prüfen Sie die Azure-Statusseite.</translation>
    </message>
    <message>
        <source>IoT Hub refused the request with HTTP %1.</source>
        <translation>IoT Hub hat die Anfrage mit HTTP %1 abgelehnt.</translation>
    </message>
    <message>
        <source>IoT Hub refused the request with HTTP %1: %2</source>
        <translation>IoT Hub hat die Anfrage mit HTTP %1 abgelehnt: %2</translation>
    </message>
    <message>
        <source>query IoT Hub devices</source>
        <translation>Abfragen von IoT-Hub-Geräten</translation>
    </message>
    <message>
        <source>querying devices</source>
        <translation>Abfragen von Geräten</translation>
    </message>
    <message>
        <source>create the IoT Hub device &quot;%1&quot;</source>
        <translation>Erstellen des IoT-Hub-Geräts „%1“</translation>
    </message>
    <message>
        <source>creating devices</source>
        <translation>Erstellen von Geräten</translation>
    </message>
    <message>
        <source>update the IoT Hub device &quot;%1&quot;</source>
        <translation>Aktualisieren des IoT-Hub-Geräts „%1“</translation>
    </message>
    <message>
        <source>updating devices</source>
        <translation>Aktualisieren von Geräten</translation>
    </message>
    <message>
        <source>read the IoT Hub device &quot;%1&quot;</source>
        <translation>Lesen des IoT-Hub-Geräts „%1“</translation>
    </message>
    <message>
        <source>reading devices</source>
        <translation>Lesen von Geräten</translation>
    </message>
    <message>
        <source>delete the IoT Hub device &quot;%1&quot;</source>
        <translation>Löschen des IoT-Hub-Geräts „%1“</translation>
    </message>
    <message>
        <source>deleting devices</source>
        <translation>Löschen von Geräten</translation>
    </message>
    <message numerus="yes">
        <source>change %n IoT Hub device(s) in bulk</source>
        <translation>
            <numerusform>Massenänderung von %n IoT-Hub-Gerät</numerusform>
            <numerusform>Massenänderung von %n IoT-Hub-Geräten</numerusform>
        </translation>
    </message>
    <message>
        <source>The bulk request lists no devices.</source>
        <translation>Die Massenanfrage enthält keine Geräte.</translation>
    </message>
    <message>
        <source>A bulk request takes at most %1 devices; split the %2 devices into batches.</source>
        <translation>Eine Massenanfrage nimmt höchstens %1 Geräte auf; teilen Sie die %2 Geräte auf mehrere Anfragen auf.</translation>
    </message>
    <message>
        <source>The device &quot;%1&quot; appears more than once in the bulk request; IoT Hub allows each device once per request.</source>
        <translation>Das Gerät „%1“ kommt mehrfach in der Massenanfrage vor; IoT Hub erlaubt jedes Gerät nur einmal pro Anfrage.</translation>
    </message>
    <message>
        <source>The device &quot;%1&quot; uses the import mode &quot;%2&quot;, which needs an etag.</source>
        <translation>Das Gerät „%1“ verwendet den Importmodus „%2“, der ein ETag erfordert.</translation>
    </message>
    <message>
        <source>changing devices in bulk</source>
        <translation>Massenändern von Geräten</translation>
    </message>
    <message>
        <source>The answer is not a bulk registry result.</source>
        <translation>Die Antwort ist kein Ergebnis eines Registrierungs-Massenvorgangs.</translation>
    </message>
    <message>
        <source>read the IoT Hub registry statistics</source>
        <translation>Lesen der Registrierungsstatistik des IoT Hub</translation>
    </message>
    <message>
        <source>reading the registry statistics</source>
        <translation>Lesen der Registrierungsstatistik</translation>
    </message>
    <message>
        <source>read the twin of device &quot;%1&quot;</source>
        <translation>Lesen des Zwillings von Gerät „%1“</translation>
    </message>
    <message>
        <source>reading twins</source>
        <translation>Lesen von Zwillingen</translation>
    </message>
    <message>
        <source>update the twin of device &quot;%1&quot;</source>
        <translation>Aktualisieren des Zwillings von Gerät „%1“</translation>
    </message>
    <message>
        <source>replace the twin of device &quot;%1&quot;</source>
        <translation>Ersetzen des Zwillings von Gerät „%1“</translation>
    </message>
    <message>
        <source>updating twins</source>
        <translation>Aktualisieren von Zwillingen</translation>
    </message>
    <message>
        <source>The query is empty.</source>
        <translation>Die Abfrage ist leer.</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) read</source>
        <translation>
            <numerusform>%n Element gelesen</numerusform>
            <numerusform>%n Elemente gelesen</numerusform>
        </translation>
    </message>
    <message>
        <source>The hub sent the same continuation token twice; the query would never end.</source>
        <translation>Der Hub hat dasselbe Fortsetzungstoken zweimal gesendet; die Abfrage würde nie enden.</translation>
    </message>
    <message>
        <source>The key of the shared access policy &quot;%1&quot;</source>
        <translation>Der Schlüssel der SAS-Richtlinie „%1“</translation>
    </message>
</context>
<context>
    <name>TwinBridge::IotHubSubscription</name>
    <message>
        <source>the topic filter is empty.</source>
        <translation>der Topic-Filter ist leer.</translation>
    </message>
    <message>
        <source>a device can only subscribe to its own cloud-to-device messages (devices/%1/messages/devicebound/#).</source>
        <translation>ein Gerät kann nur seine eigenen Cloud-zu-Gerät-Nachrichten abonnieren (devices/%1/messages/devicebound/#).</translation>
    </message>
    <message>
        <source>IoT Hub does not support the &apos;+&apos; wildcard.</source>
        <translation>IoT Hub unterstützt den Platzhalter &apos;+&apos; nicht.</translation>
    </message>
    <message>
        <source>&apos;#&apos; is only accepted as the last level of the filter.</source>
        <translation>&apos;#&apos; ist nur als letzte Ebene des Filters erlaubt.</translation>
    </message>
    <message>
        <source>it is not one of the documented filters.</source>
        <translation>der Filter gehört nicht zu den dokumentierten Filtern.</translation>
    </message>
    <message>
        <source>IoT Hub rejects the subscription &quot;%1&quot;: %2 Accepted filters: %3, %4, %5, %6.</source>
        <translation>IoT Hub lehnt das MQTT-Abonnement „%1“ ab: %2 Akzeptierte Filter: %3, %4, %5, %6.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::IotHubTopic</name>
    <message>
        <source>The MQTT topic &quot;%1&quot; is not one IoT Hub accepts: %2</source>
        <translation>IoT Hub akzeptiert das MQTT-Topic „%1“ nicht: %2</translation>
    </message>
    <message>
        <source>it is empty.</source>
        <translation>es ist leer.</translation>
    </message>
    <message>
        <source>the device id must be followed by /messages/events/ or /messages/devicebound/.</source>
        <translation>auf die Geräte-ID muss /messages/events/ oder /messages/devicebound/ folgen.</translation>
    </message>
    <message>
        <source>device id</source>
        <translation>Geräte-ID</translation>
    </message>
    <message>
        <source>the module id must be followed by /messages/events/.</source>
        <translation>auf die Modul-ID muss /messages/events/ folgen.</translation>
    </message>
    <message>
        <source>module id</source>
        <translation>Modul-ID</translation>
    </message>
    <message>
        <source>after devices/{id}/ only messages/events/ (telemetry) or messages/devicebound/ (cloud-to-device) may follow.</source>
        <translation>auf devices/{id}/ darf nur messages/events/ (Telemetrie) oder messages/devicebound/ (Cloud-zu-Gerät) folgen.</translation>
    </message>
    <message>
        <source>after devices/{id}/modules/{module}/ only messages/events/ may follow.</source>
        <translation>auf devices/{id}/modules/{module}/ darf nur messages/events/ folgen.</translation>
    </message>
    <message>
        <source>it must start with devices/{id}/messages/, $iothub/twin/ or $iothub/methods/.</source>
        <translation>es muss mit devices/{id}/messages/, $iothub/twin/ oder $iothub/methods/ beginnen.</translation>
    </message>
    <message>
        <source>the query with the request id (?$rid=…) or version (?$version=…) is missing.</source>
        <translation>der Query-String mit der Anfrage-ID (?$rid=…) oder der Version (?$version=…) fehlt.</translation>
    </message>
    <message>
        <source>$version must be a whole number.</source>
        <translation>$version muss eine ganze Zahl sein.</translation>
    </message>
    <message>
        <source>a desired-property update needs ?$version=.</source>
        <translation>eine Aktualisierung gewünschter Eigenschaften braucht ?$version=.</translation>
    </message>
    <message>
        <source>the status after res/ must be a three-digit HTTP status.</source>
        <translation>der Status nach res/ muss ein dreistelliger HTTP-Status sein.</translation>
    </message>
    <message>
        <source>after $iothub/twin/ only GET/, PATCH/properties/reported/, PATCH/properties/desired/ or res/{status}/ may follow.</source>
        <translation>auf $iothub/twin/ darf nur GET/, PATCH/properties/reported/, PATCH/properties/desired/ oder res/{status}/ folgen.</translation>
    </message>
    <message>
        <source>the method name after POST/ must be one non-empty path segment.</source>
        <translation>der Methodenname nach POST/ muss genau ein nicht leeres Pfadsegment sein.</translation>
    </message>
    <message>
        <source>after $iothub/methods/ only POST/{method}/ or res/{status}/ may follow.</source>
        <translation>auf $iothub/methods/ darf nur POST/{method}/ oder res/{status}/ folgen.</translation>
    </message>
    <message>
        <source>the request id ($rid) is missing or empty.</source>
        <translation>die Anfrage-ID ($rid) fehlt oder ist leer.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::JsonFieldReader</name>
    <message>
        <source>must be text.</source>
        <translation>muss Text sein.</translation>
    </message>
    <message>
        <source>must be true or false.</source>
        <translation>muss true oder false sein.</translation>
    </message>
    <message>
        <source>must be a number.</source>
        <translation>muss eine Zahl sein.</translation>
    </message>
    <message>
        <source>must be a whole number.</source>
        <translation>muss eine ganze Zahl sein.</translation>
    </message>
    <message>
        <source>%1 is out of range (%2 to %3).</source>
        <translation>%1 liegt außerhalb des gültigen Bereichs (%2 bis %3).</translation>
    </message>
    <message>
        <source>must be text or a whole number.</source>
        <translation>muss Text oder eine ganze Zahl sein.</translation>
    </message>
    <message>
        <source>must be a JSON object.</source>
        <translation>muss ein JSON-Objekt sein.</translation>
    </message>
    <message>
        <source>must be a list.</source>
        <translation>muss eine Liste sein.</translation>
    </message>
    <message>
        <source>is not valid base64.</source>
        <translation>ist kein gültiges Base64.</translation>
    </message>
    <message>
        <source>must be %1 hexadecimal digits.</source>
        <translation>muss aus %1 Hexadezimalziffern bestehen.</translation>
    </message>
    <message>
        <source>is not an RFC 3339 time such as 2020-02-12T15:15:46.014773143Z.</source>
        <translation>ist keine RFC-3339-Zeitangabe wie 2020-02-12T15:15:46.014773143Z.</translation>
    </message>
    <message>
        <source>is missing.</source>
        <translation>fehlt.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::KeychainSecretStore</name>
    <message>
        <source>Stored in the OS keychain</source>
        <translation>Im Schlüsselbund des Betriebssystems gespeichert</translation>
    </message>
    <message>
        <source>No OS keychain is available: the Secret Service (GNOME Keyring, KWallet or another keyring) is not running or cannot be reached. TwinBridge never falls back to storing secrets in files; start or unlock your keyring and try again.</source>
        <translation>Kein Schlüsselbund des Betriebssystems verfügbar: Der Secret Service (GNOME Keyring, KWallet oder ein anderer Schlüsselbund) läuft nicht oder ist nicht erreichbar. TwinBridge speichert Geheimnisse nie ersatzweise in Dateien; starten oder entsperren Sie Ihren Schlüsselbund und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The OS keychain refused access (%1). Unlock the keyring and allow TwinBridge to use it, then try again.</source>
        <translation>Der Schlüsselbund des Betriebssystems hat den Zugriff verweigert (%1). Entsperren Sie den Schlüsselbund, erlauben Sie TwinBridge die Nutzung und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>The OS keychain reported an error: %1. Check that the keyring is unlocked and working, then try again.</source>
        <translation>Der Schlüsselbund des Betriebssystems hat einen Fehler gemeldet: %1. Prüfen Sie, ob der Schlüsselbund entsperrt ist und funktioniert, und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>read the %1 from the OS keychain</source>
        <translation>Lesen von „%1“ aus dem Schlüsselbund des Betriebssystems</translation>
    </message>
    <message>
        <source>store the %1 in the OS keychain</source>
        <translation>Speichern von „%1“ im Schlüsselbund des Betriebssystems</translation>
    </message>
    <message>
        <source>delete the %1 from the OS keychain</source>
        <translation>Löschen von „%1“ aus dem Schlüsselbund des Betriebssystems</translation>
    </message>
</context>
<context>
    <name>TwinBridge::LiveDataPage</name>
    <message>
        <source>Recording stopped</source>
        <translation>Aufzeichnung beendet</translation>
    </message>
    <message>
        <source>Device id</source>
        <translation>Geräte-ID</translation>
    </message>
    <message>
        <source>Show the events of this device only (its exact id)</source>
        <translation>Nur die Ereignisse dieses Geräts anzeigen (genaue ID)</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>Alle Typen</translation>
    </message>
    <message>
        <source>Show events of this type only</source>
        <translation>Nur Ereignisse dieses Typs anzeigen</translation>
    </message>
    <message>
        <source>Search text…</source>
        <translation>Text suchen…</translation>
    </message>
    <message>
        <source>Show events whose summary, device, type or detail contains this text</source>
        <translation>Ereignisse anzeigen, deren Zusammenfassung, Gerät, Typ oder Details diesen Text enthalten</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <source>Show the events that arrived while paused and follow new ones</source>
        <translation>Die während der Pause eingegangenen Ereignisse anzeigen und neuen folgen</translation>
    </message>
    <message>
        <source>Stop updating the table; new events are kept and counted</source>
        <translation>Die Tabelle nicht mehr aktualisieren; neue Ereignisse werden behalten und gezählt</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Remove every event from the table</source>
        <translation>Alle Ereignisse aus der Tabelle entfernen</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Save the events shown (after filtering) to a file</source>
        <translation>Die angezeigten Ereignisse (nach dem Filtern) in einer Datei speichern</translation>
    </message>
    <message>
        <source>Export as JSON…</source>
        <translation>Als JSON exportieren…</translation>
    </message>
    <message>
        <source>Save the events shown as a JSON array</source>
        <translation>Die angezeigten Ereignisse als JSON-Array speichern</translation>
    </message>
    <message>
        <source>Export as CSV…</source>
        <translation>Als CSV exportieren…</translation>
    </message>
    <message>
        <source>Save the events shown as CSV</source>
        <translation>Die angezeigten Ereignisse als CSV speichern</translation>
    </message>
    <message>
        <source>Record…</source>
        <translation>Aufzeichnen…</translation>
    </message>
    <message>
        <source>Write every event from now on to a file, one JSON object per line, also while paused or filtered</source>
        <translation>Ab jetzt jedes Ereignis in eine Datei schreiben, ein JSON-Objekt pro Zeile, auch während der Pause oder mit Filter</translation>
    </message>
    <message>
        <source>Stop recording</source>
        <translation>Aufzeichnung beenden</translation>
    </message>
    <message>
        <source>Close the recording file</source>
        <translation>Die Aufzeichnungsdatei schließen</translation>
    </message>
    <message>
        <source>&amp;Keep:</source>
        <translation>&amp;Behalten:</translation>
    </message>
    <message>
        <source> events</source>
        <translation> Ereignisse</translation>
    </message>
    <message>
        <source>How many events the table keeps; older ones are dropped</source>
        <translation>Wie viele Ereignisse die Tabelle behält; ältere werden verworfen</translation>
    </message>
    <message>
        <source>Copy as JSON</source>
        <translation>Als JSON kopieren</translation>
    </message>
    <message>
        <source>frm_payload (hex):</source>
        <translation>frm_payload (hex):</translation>
    </message>
    <message>
        <source>frm_payload (base64):</source>
        <translation>frm_payload (base64):</translation>
    </message>
    <message>
        <source>Export live data as CSV</source>
        <translation>Live-Daten als CSV exportieren</translation>
    </message>
    <message>
        <source>Export live data as JSON</source>
        <translation>Live-Daten als JSON exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n event(s) to %1</source>
        <translation>
            <numerusform>%n Ereignis nach %1 exportiert</numerusform>
            <numerusform>%n Ereignisse nach %1 exportiert</numerusform>
        </translation>
    </message>
    <message>
        <source>Record live data to a file</source>
        <translation>Live-Daten in eine Datei aufzeichnen</translation>
    </message>
    <message>
        <source>JSON lines (*.jsonl)</source>
        <translation>JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <source>Recording failed</source>
        <translation>Aufzeichnung fehlgeschlagen</translation>
    </message>
    <message>
        <source>Recording every event to %1</source>
        <translation>Jedes Ereignis wird in %1 aufgezeichnet</translation>
    </message>
    <message numerus="yes">
        <source>Recorded %n event(s) to %1</source>
        <translation>
            <numerusform>%n Ereignis in %1 aufgezeichnet</numerusform>
            <numerusform>%n Ereignisse in %1 aufgezeichnet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n older event(s) dropped (the table keeps the newest %1).</source>
        <translation>
            <numerusform>%n älteres Ereignis verworfen (die Tabelle behält die neuesten %1).</numerusform>
            <numerusform>%n ältere Ereignisse verworfen (die Tabelle behält die neuesten %1).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Paused: %n new event(s) while paused.</source>
        <translation>
            <numerusform>Pausiert: %n neues Ereignis während der Pause.</numerusform>
            <numerusform>Pausiert: %n neue Ereignisse während der Pause.</numerusform>
        </translation>
    </message>
    <message>
        <source>Showing %1 of %2 events</source>
        <translation>%1 von %2 Ereignissen angezeigt</translation>
    </message>
    <message numerus="yes">
        <source>Recording to %1: %n event(s)</source>
        <translation>
            <numerusform>Aufzeichnung in %1: %n Ereignis</numerusform>
            <numerusform>Aufzeichnung in %1: %n Ereignisse</numerusform>
        </translation>
    </message>
    <message>
        <source>The engine is not running: start it on the Bridge page to see live events.</source>
        <translation>Die Engine läuft nicht: Starten Sie sie auf der Seite „Bridge“, um Live-Ereignisse zu sehen.</translation>
    </message>
    <message>
        <source>No engine in this window: live events cannot be shown.</source>
        <translation>Keine Engine in diesem Fenster: Live-Ereignisse können nicht angezeigt werden.</translation>
    </message>
    <message>
        <source>Show only this device</source>
        <translation>Nur dieses Gerät anzeigen</translation>
    </message>
    <message>
        <source>Show only %1</source>
        <translation>Nur %1 anzeigen</translation>
    </message>
    <message>
        <source>Copied the event as JSON</source>
        <translation>Ereignis als JSON kopiert</translation>
    </message>
    <message>
        <source>Select an event to see its details.</source>
        <translation>Wählen Sie ein Ereignis aus, um seine Details zu sehen.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::LiveEventExport</name>
    <message>
        <source>The file cannot be written (%1). Choose a folder you can write to.</source>
        <translation>Die Datei kann nicht geschrieben werden (%1). Wählen Sie einen Ordner, in den Sie schreiben dürfen.</translation>
    </message>
    <message>
        <source>export the live data to “%1”</source>
        <translation>Exportieren der Live-Daten nach „%1“</translation>
    </message>
</context>
<context>
    <name>TwinBridge::LiveEventModel</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
</context>
<context>
    <name>TwinBridge::LiveEventRecorder</name>
    <message>
        <source>record the live data to “%1”</source>
        <translation>Aufzeichnen der Live-Daten in „%1“</translation>
    </message>
    <message>
        <source>The file cannot be written (%1). Choose a folder you can write to and enough free space.</source>
        <translation>Die Datei kann nicht geschrieben werden (%1). Wählen Sie einen Ordner, in den Sie schreiben dürfen und der genug freien Speicherplatz hat.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::MainWindow</name>
    <message>
        <source>Connections</source>
        <translation>Verbindungen</translation>
    </message>
    <message>
        <source>Deploy</source>
        <translation>Bereitstellen</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <source>Twin</source>
        <translation>Gerätezwilling</translation>
    </message>
    <message>
        <source>Live data</source>
        <translation>Live-Daten</translation>
    </message>
    <message>
        <source>Bridge</source>
        <translation>Bridge</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>&amp;System Default</source>
        <translation>&amp;Systemstandard</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About TwinBridge</source>
        <translation>Über &amp;TwinBridge</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>Navigation</translation>
    </message>
    <message>
        <source>The connection profile the console works with</source>
        <translation>Das Verbindungsprofil, mit dem die Konsole arbeitet</translation>
    </message>
    <message>
        <source>Connection profiles for The Things Stack and Azure; their secrets stay in the system keychain.</source>
        <translation>Verbindungsprofile für The Things Stack und Azure; ihre Geheimnisse bleiben im Schlüsselbund des Systems.</translation>
    </message>
    <message>
        <source>Arrives with the connection profiles.</source>
        <translation>Kommt mit den Verbindungsprofilen.</translation>
    </message>
    <message>
        <source>Deploys the Azure side — IoT Hub, routes, Event Hub and the Function that reports twin changes — from an ARM template.</source>
        <translation>Stellt die Azure-Seite bereit – IoT Hub, Routen, Event Hub und die Function, die Zwillingsänderungen meldet – aus einer ARM-Vorlage.</translation>
    </message>
    <message>
        <source>Arrives with the Azure deployment.</source>
        <translation>Kommt mit der Azure-Bereitstellung.</translation>
    </message>
    <message>
        <source>TTS end devices and IoT Hub identities side by side, with provisioning in both directions.</source>
        <translation>TTS-Endgeräte und IoT-Hub-Identitäten nebeneinander, mit Provisionierung in beide Richtungen.</translation>
    </message>
    <message>
        <source>Arrives with the device views.</source>
        <translation>Kommt mit den Geräteansichten.</translation>
    </message>
    <message>
        <source>Reads and edits a device twin live: tags, desired and reported properties, downlinks.</source>
        <translation>Liest und bearbeitet einen Gerätezwilling live: Tags, gewünschte und gemeldete Eigenschaften, Downlinks.</translation>
    </message>
    <message>
        <source>Arrives with the twin editor.</source>
        <translation>Kommt mit dem Zwillingseditor.</translation>
    </message>
    <message>
        <source>Uplinks, twin changes and downlinks as they pass through the bridge.</source>
        <translation>Uplinks, Zwillingsänderungen und Downlinks, während sie die Bridge durchlaufen.</translation>
    </message>
    <message>
        <source>Arrives with the live data view.</source>
        <translation>Kommt mit der Live-Daten-Ansicht.</translation>
    </message>
    <message>
        <source>Starts and stops the integration engine and shows its connections, throttling and outbox.</source>
        <translation>Startet und stoppt die Integrations-Engine und zeigt ihre Verbindungen, Drosselung und Outbox.</translation>
    </message>
    <message>
        <source>Arrives with the bridge panel.</source>
        <translation>Kommt mit dem Bridge-Bedienfeld.</translation>
    </message>
    <message>
        <source>No profile selected</source>
        <translation>Kein Profil ausgewählt</translation>
    </message>
    <message>
        <source>Profile: %1</source>
        <translation>Profil: %1</translation>
    </message>
    <message>
        <source>&amp;Color Scheme</source>
        <translation>&amp;Farbschema</translation>
    </message>
    <message>
        <source>Follow the &amp;System</source>
        <translation>Dem &amp;System folgen</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
    <message>
        <source>&amp;Next Page</source>
        <translation>&amp;Nächste Seite</translation>
    </message>
    <message>
        <source>&amp;Previous Page</source>
        <translation>&amp;Vorherige Seite</translation>
    </message>
    <message>
        <source>&amp;Full Screen</source>
        <translation>Voll&amp;bild</translation>
    </message>
</context>
<context>
    <name>TwinBridge::MemorySecretStore</name>
    <message>
        <source>Kept in memory until TwinBridge exits (no OS keychain)</source>
        <translation>Bis zum Beenden von TwinBridge im Arbeitsspeicher gehalten (kein Schlüsselbund des Betriebssystems)</translation>
    </message>
</context>
<context>
    <name>TwinBridge::MessagePropertyBag</name>
    <message>
        <source>The message property list is malformed: %1</source>
        <translation>Die Liste der Nachrichteneigenschaften ist fehlerhaft: %1</translation>
    </message>
    <message>
        <source>it contains a &apos;/&apos; that is not percent-encoded (%2F).</source>
        <translation>sie enthält ein &apos;/&apos;, das nicht prozentkodiert ist (%2F).</translation>
    </message>
    <message>
        <source>property %1 is empty (&quot;&amp;&amp;&quot;, or &apos;&amp;&apos; at the start or end).</source>
        <translation>Eigenschaft %1 ist leer („&amp;&amp;“ oder &apos;&amp;&apos; am Anfang oder Ende).</translation>
    </message>
    <message>
        <source>property %1 has a value but no name.</source>
        <translation>Eigenschaft %1 hat einen Wert, aber keinen Namen.</translation>
    </message>
    <message>
        <source>the name of property %1 has an invalid %-escape or is not UTF-8.</source>
        <translation>der Name von Eigenschaft %1 enthält eine ungültige %-Escape-Sequenz oder ist kein UTF-8.</translation>
    </message>
    <message>
        <source>property %1 has an empty name.</source>
        <translation>Eigenschaft %1 hat einen leeren Namen.</translation>
    </message>
    <message>
        <source>the value of property &quot;%1&quot; has an invalid %-escape or is not UTF-8.</source>
        <translation>der Wert der Eigenschaft „%1“ enthält eine ungültige %-Escape-Sequenz oder ist kein UTF-8.</translation>
    </message>
    <message>
        <source>the property &quot;%1&quot; appears twice.</source>
        <translation>die Eigenschaft „%1“ kommt zweimal vor.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::MirrorBulkRunner</name>
    <message>
        <source>Create missing IoT Hub identities</source>
        <translation>Fehlende IoT-Hub-Identitäten erstellen</translation>
    </message>
    <message>
        <source>Create TTS devices from twin tags</source>
        <translation>TTS-Geräte aus Zwillings-Tags erstellen</translation>
    </message>
    <message>
        <source>Enable in IoT Hub</source>
        <translation>In IoT Hub aktivieren</translation>
    </message>
    <message>
        <source>Disable in IoT Hub</source>
        <translation>In IoT Hub deaktivieren</translation>
    </message>
    <message>
        <source>Delete from TTS and IoT Hub</source>
        <translation>Aus TTS und IoT Hub löschen</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Skipped: IoT Hub already has this identity.</source>
        <translation>Übersprungen: IoT Hub hat diese Identität bereits.</translation>
    </message>
    <message>
        <source>Skipped: TTS has no such device.</source>
        <translation>Übersprungen: TTS hat kein solches Gerät.</translation>
    </message>
    <message>
        <source>Create the identity with tags lorawan.devEui %1, lorawan.joinEui %2.</source>
        <translation>Die Identität mit den Tags lorawan.devEui %1, lorawan.joinEui %2 erstellen.</translation>
    </message>
    <message>
        <source>Skipped: TTS already has this device.</source>
        <translation>Übersprungen: TTS hat dieses Gerät bereits.</translation>
    </message>
    <message>
        <source>Skipped: IoT Hub has no such identity.</source>
        <translation>Übersprungen: IoT Hub hat keine solche Identität.</translation>
    </message>
    <message>
        <source>Read the twin&apos;s lorawan tags, create the device in TTS (IS, JS, NS, AS) and mark the tags provisioned.</source>
        <translation>Die lorawan-Tags des Zwillings lesen, das Gerät in TTS erstellen (IS, JS, NS, AS) und die Tags als übernommen markieren.</translation>
    </message>
    <message>
        <source>Skipped: already enabled.</source>
        <translation>Übersprungen: bereits aktiviert.</translation>
    </message>
    <message>
        <source>Skipped: already disabled.</source>
        <translation>Übersprungen: bereits deaktiviert.</translation>
    </message>
    <message>
        <source>Enable the identity.</source>
        <translation>Die Identität aktivieren.</translation>
    </message>
    <message>
        <source>Disable the identity.</source>
        <translation>Die Identität deaktivieren.</translation>
    </message>
    <message>
        <source>TTS (all four registries)</source>
        <translation>TTS (alle vier Registrierungen)</translation>
    </message>
    <message>
        <source>IoT Hub</source>
        <translation>IoT Hub</translation>
    </message>
    <message>
        <source>Delete wherever it is left.</source>
        <translation>Überall löschen, wo es noch vorhanden ist.</translation>
    </message>
    <message>
        <source>Delete from %1.</source>
        <translation>Aus %1 löschen.</translation>
    </message>
    <message>
        <source> and </source>
        <translation> und </translation>
    </message>
    <message>
        <source>Canceled before it started.</source>
        <translation>Vor dem Start abgebrochen.</translation>
    </message>
    <message>
        <source>No IoT Hub connection: configure it on the Connections page.</source>
        <translation>Keine IoT-Hub-Verbindung: Richten Sie sie auf der Seite „Verbindungen“ ein.</translation>
    </message>
    <message>
        <source>Created; the lorawan tags could not be written: %1</source>
        <translation>Erstellt; die lorawan-Tags konnten nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>Created with lorawan tags.</source>
        <translation>Mit lorawan-Tags erstellt.</translation>
    </message>
    <message>
        <source>IoT Hub already had it; lorawan tags written.</source>
        <translation>IoT Hub hatte sie bereits; lorawan-Tags geschrieben.</translation>
    </message>
    <message>
        <source>Already enabled.</source>
        <translation>Bereits aktiviert.</translation>
    </message>
    <message>
        <source>Already disabled.</source>
        <translation>Bereits deaktiviert.</translation>
    </message>
    <message>
        <source>The IoT Hub connection was closed.</source>
        <translation>Die IoT-Hub-Verbindung wurde geschlossen.</translation>
    </message>
    <message>
        <source>Enabled.</source>
        <translation>Aktiviert.</translation>
    </message>
    <message>
        <source>Disabled.</source>
        <translation>Deaktiviert.</translation>
    </message>
    <message>
        <source>Creating TTS devices needs both the TTS and the IoT Hub connection: configure them on the Connections page.</source>
        <translation>Zum Erstellen von TTS-Geräten sind sowohl die TTS- als auch die IoT-Hub-Verbindung nötig: Richten Sie sie auf der Seite „Verbindungen“ ein.</translation>
    </message>
    <message>
        <source>Created in TTS; the twin&apos;s tags are marked provisioned.</source>
        <translation>In TTS erstellt; die Tags des Zwillings sind als übernommen markiert.</translation>
    </message>
    <message>
        <source>The twin has no lorawan tags to create a device from (or they are already marked provisioned). Add tags.lorawan with devEui, joinEui and appKey, then try again.</source>
        <translation>Der Zwilling hat keine lorawan-Tags, aus denen ein Gerät erstellt werden kann (oder sie sind bereits als übernommen markiert). Fügen Sie tags.lorawan mit devEui, joinEui und appKey hinzu und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Deleting needs the connection to every side that has the device: configure it on the Connections page.</source>
        <translation>Zum Löschen ist die Verbindung zu jeder Seite nötig, die das Gerät hat: Richten Sie sie auf der Seite „Verbindungen“ ein.</translation>
    </message>
    <message>
        <source>TTS had nothing left.</source>
        <translation>In TTS war nichts mehr vorhanden.</translation>
    </message>
    <message>
        <source>Deleted from TTS.</source>
        <translation>Aus TTS gelöscht.</translation>
    </message>
    <message>
        <source>Deleted from IoT Hub.</source>
        <translation>Aus IoT Hub gelöscht.</translation>
    </message>
    <message>
        <source>IoT Hub had no such identity.</source>
        <translation>IoT Hub hatte keine solche Identität.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::MirrorLoader</name>
    <message>
        <source>list the TTS end devices</source>
        <translation>Auflisten der TTS-Endgeräte</translation>
    </message>
    <message>
        <source>query the IoT Hub devices</source>
        <translation>Abfragen der IoT-Hub-Geräte</translation>
    </message>
    <message>
        <source>load the device mirror</source>
        <translation>Laden der Geräteübersicht</translation>
    </message>
</context>
<context>
    <name>TwinBridge::ModePage</name>
    <message>
        <source>What to deploy</source>
        <translation>Was bereitgestellt wird</translation>
    </message>
    <message>
        <source>Choose who receives the twin changes from Azure, and which connection profile keeps the result.</source>
        <translation>Wählen Sie, wer die Zwillingsänderungen aus Azure empfängt und welches Verbindungsprofil das Ergebnis aufnimmt.</translation>
    </message>
    <message>
        <source>Where twin changes go</source>
        <translation>Wohin Zwillingsänderungen gehen</translation>
    </message>
    <message>
        <source>The &amp;TwinBridge engine (on this computer or a server)</source>
        <translation>Die &amp;TwinBridge-Engine (auf diesem Computer oder einem Server)</translation>
    </message>
    <message>
        <source>The Things Stack &amp;Cloud&apos;s own Azure IoT Hub integration</source>
        <translation>Die eigene Azure-IoT-Hub-Integration von The Things Stack &amp;Cloud</translation>
    </message>
    <message>
        <source>TwinBridge runs the integration: this console or twinbridged on a server forwards uplinks to the hub, and the Azure Function posts twin changes to the engine&apos;s ingest endpoint. You need a computer that stays on and an ingest address the Function can reach from Azure.</source>
        <translation>TwinBridge betreibt die Integration: Diese Konsole oder twinbridged auf einem Server leitet Uplinks an den Hub weiter, und die Azure Function sendet Zwillingsänderungen an den Ingest-Endpunkt der Engine. Sie brauchen einen Computer, der eingeschaltet bleibt, und eine Ingest-Adresse, die die Function aus Azure erreichen kann.</translation>
    </message>
    <message>
        <source>The Things Stack Cloud runs the integration on its servers and the Function posts twin changes to TTS. Nothing of yours needs to run, but the integration must be available on your TTS plan, and you paste the hub&apos;s host name and key into the TTS Console at the end.</source>
        <translation>The Things Stack Cloud betreibt die Integration auf seinen Servern, und die Function sendet Zwillingsänderungen an TTS. Bei Ihnen muss nichts laufen, aber die Integration muss in Ihrem TTS-Tarif verfügbar sein, und Sie fügen am Ende Hostnamen und Schlüssel des Hubs in die TTS Console ein.</translation>
    </message>
    <message>
        <source>Connection profile</source>
        <translation>Verbindungsprofil</translation>
    </message>
    <message>
        <source>Create a &amp;new profile</source>
        <translation>&amp;Neues Profil anlegen</translation>
    </message>
    <message>
        <source>Name of the new profile</source>
        <translation>Name des neuen Profils</translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation>Na&amp;me:</translation>
    </message>
    <message>
        <source>The update re-points the deployed Function: choose who receives the twin changes from now on. The profile “%1” keeps the result.</source>
        <translation>Die Aktualisierung richtet die bereitgestellte Function neu aus: Wählen Sie, wer die Zwillingsänderungen ab jetzt empfängt. Das Profil „%1“ nimmt das Ergebnis auf.</translation>
    </message>
    <message>
        <source>&amp;Update the profile “%1”</source>
        <translation>Profil „%1“ akt&amp;ualisieren</translation>
    </message>
    <message>
        <source>&amp;Update the current profile (there is none)</source>
        <translation>Aktuelles Profil akt&amp;ualisieren (es gibt keines)</translation>
    </message>
    <message>
        <source>Azure deployment</source>
        <translation>Azure-Bereitstellung</translation>
    </message>
    <message>
        <source>Enter a name for the new profile.</source>
        <translation>Geben Sie einen Namen für das neue Profil ein.</translation>
    </message>
    <message>
        <source>A profile named “%1” exists already. Choose another name.</source>
        <translation>Ein Profil namens „%1“ existiert bereits. Wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>Reading where the deployed Function posts twin changes now…</source>
        <translation>Es wird gelesen, wohin die bereitgestellte Function Zwillingsänderungen derzeit sendet…</translation>
    </message>
    <message>
        <source>Could not read the current deployment: %1 Choose below where twin changes go.</source>
        <translation>Die aktuelle Bereitstellung konnte nicht gelesen werden: %1 Wählen Sie unten, wohin Zwillingsänderungen gehen.</translation>
    </message>
    <message>
        <source>The deployed Function posts twin changes to The Things Stack (%1) now.</source>
        <translation>Die bereitgestellte Function sendet Zwillingsänderungen derzeit an The Things Stack (%1).</translation>
    </message>
    <message>
        <source>The deployed Function posts twin changes to the TwinBridge engine at %1 now.</source>
        <translation>Die bereitgestellte Function sendet Zwillingsänderungen derzeit an die TwinBridge-Engine unter %1.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::MosquittoClient</name>
    <message>
        <source>libmosquitto could not create a client (out of memory?).</source>
        <translation>libmosquitto konnte keinen Client erstellen (Arbeitsspeicher erschöpft?).</translation>
    </message>
    <message>
        <source>%1 stopped answering: nothing arrived for %2 s (keep-alive %3 s). The connection was closed as lost.</source>
        <translation>%1 antwortet nicht mehr: Seit %2 s ist nichts angekommen (Keep-Alive %3 s). Die Verbindung wurde als verloren geschlossen.</translation>
    </message>
    <message>
        <source>The MQTT host is empty — enter the broker&apos;s host name or address.</source>
        <translation>Der MQTT-Host ist leer – geben Sie den Hostnamen oder die Adresse des Brokers ein.</translation>
    </message>
    <message>
        <source>The MQTT port is 0 — enter the broker&apos;s port (1883, or 8883 for TLS).</source>
        <translation>Der MQTT-Port ist 0 – geben Sie den Port des Brokers ein (1883 oder 8883 für TLS).</translation>
    </message>
    <message>
        <source>An MQTT client without a client id must use a clean session — enter a client id.</source>
        <translation>Ein MQTT-Client ohne Client-ID muss eine bereinigte Sitzung (Clean Session) verwenden – geben Sie eine Client-ID ein.</translation>
    </message>
    <message>
        <source>The MQTT client id, user name or password is longer than 65535 bytes.</source>
        <translation>Die MQTT-Client-ID, der Benutzername oder das Kennwort ist länger als 65535 Bytes.</translation>
    </message>
    <message>
        <source>The MQTT keep-alive must be 0 (off) or 5 to 65535 seconds, not %1.</source>
        <translation>Das MQTT-Keep-Alive muss 0 (aus) oder 5 bis 65535 Sekunden betragen, nicht %1.</translation>
    </message>
    <message>
        <source>A CA file or TLS server name was given for a connection without TLS — switch TLS on or remove them.</source>
        <translation>Für eine Verbindung ohne TLS wurde eine CA-Datei oder ein TLS-Servername angegeben – schalten Sie TLS ein oder entfernen Sie diese Angaben.</translation>
    </message>
    <message>
        <source>The MQTT connect timeout must be positive.</source>
        <translation>Das Zeitlimit für den MQTT-Verbindungsaufbau muss positiv sein.</translation>
    </message>
    <message>
        <source>This MQTT client is already connecting or connected — disconnect first.</source>
        <translation>Dieser MQTT-Client baut bereits eine Verbindung auf oder ist verbunden – trennen Sie zuerst die Verbindung.</translation>
    </message>
    <message>
        <source>%1 did not answer within %2 s — check the host, the port and the firewall, or try again later.</source>
        <translation>%1 hat nicht innerhalb von %2 s geantwortet – prüfen Sie Host, Port und Firewall oder versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>The host name %1 could not be resolved — check the host name and the network connection.</source>
        <translation>Der Hostname %1 konnte nicht aufgelöst werden – prüfen Sie den Hostnamen und die Netzwerkverbindung.</translation>
    </message>
    <message>
        <source>connect to %1</source>
        <translation>Verbindungsaufbau zu %1</translation>
    </message>
    <message>
        <source>Not connected to %1 — wait for the connection before publishing.</source>
        <translation>Nicht mit %1 verbunden – warten Sie vor dem Veröffentlichen auf die Verbindung.</translation>
    </message>
    <message>
        <source>MQTT QoS %1 is not supported; use 0 or 1.</source>
        <translation>MQTT-QoS %1 wird nicht unterstützt; verwenden Sie 0 oder 1.</translation>
    </message>
    <message>
        <source>The topic &quot;%1&quot; cannot be published to.</source>
        <translation>In das Topic „%1“ kann nicht veröffentlicht werden.</translation>
    </message>
    <message>
        <source>Not connected to %1 — wait for the connection before subscribing.</source>
        <translation>Nicht mit %1 verbunden – warten Sie vor dem Abonnieren auf die Verbindung.</translation>
    </message>
    <message>
        <source>MQTT QoS %1 does not exist; use 0, 1 or 2.</source>
        <translation>MQTT-QoS %1 gibt es nicht; verwenden Sie 0, 1 oder 2.</translation>
    </message>
    <message>
        <source>Not connected to %1 — wait for the connection before unsubscribing.</source>
        <translation>Nicht mit %1 verbunden – warten Sie vor dem Beenden des Abonnements auf die Verbindung.</translation>
    </message>
    <message>
        <source>%1 refused the connection: it does not accept MQTT 3.1.1.</source>
        <translation>%1 hat die Verbindung abgelehnt: MQTT 3.1.1 wird nicht akzeptiert.</translation>
    </message>
    <message>
        <source>%1 refused the client id — for IoT Hub the client id must be the device id.</source>
        <translation>%1 hat die Client-ID abgelehnt – für IoT Hub muss die Client-ID die Geräte-ID sein.</translation>
    </message>
    <message>
        <source>%1 refused the connection: server unavailable (or busy) — try again later.</source>
        <translation>%1 hat die Verbindung abgelehnt: Server nicht verfügbar (oder ausgelastet) – versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>%1 refused the connection: bad user name or password — check the user name and the API key / SAS token.</source>
        <translation>%1 hat die Verbindung abgelehnt: Benutzername oder Kennwort falsch – prüfen Sie den Benutzernamen und den API-Schlüssel / das SAS-Token.</translation>
    </message>
    <message>
        <source>%1 refused the connection: not authorized — check the API key / SAS token (and that it has not expired).</source>
        <translation>%1 hat die Verbindung abgelehnt: nicht autorisiert – prüfen Sie den API-Schlüssel / das SAS-Token (und ob er bzw. es abgelaufen ist).</translation>
    </message>
    <message>
        <source>%1 refused the connection with the unknown MQTT return code %2.</source>
        <translation>%1 hat die Verbindung mit dem unbekannten MQTT-Rückgabecode %2 abgelehnt.</translation>
    </message>
    <message>
        <source>The connection to %1 was lost — it is reconnected when the network is back.</source>
        <translation>Die Verbindung zu %1 ist verloren gegangen – sie wird wieder aufgebaut, sobald das Netzwerk wieder verfügbar ist.</translation>
    </message>
    <message>
        <source>%1 stopped answering (no reply to the keep-alive ping) — the connection counts as lost.</source>
        <translation>%1 antwortet nicht mehr (keine Antwort auf den Keep-Alive-Ping) – die Verbindung gilt als verloren.</translation>
    </message>
    <message>
        <source>Not connected to %1.</source>
        <translation>Nicht mit %1 verbunden.</translation>
    </message>
    <message>
        <source>The TLS connection to %1 failed — check the port, the CA file and the server&apos;s certificate.</source>
        <translation>Die TLS-Verbindung zu %1 ist fehlgeschlagen – prüfen Sie den Port, die CA-Datei und das Zertifikat des Servers.</translation>
    </message>
    <message>
        <source>The host name %1 could not be resolved — check the host name and the network.</source>
        <translation>Der Hostname %1 konnte nicht aufgelöst werden – prüfen Sie den Hostnamen und das Netzwerk.</translation>
    </message>
    <message>
        <source>%1 broke the MQTT protocol — check that the port is an MQTT port.</source>
        <translation>%1 hat das MQTT-Protokoll verletzt – prüfen Sie, ob der Port ein MQTT-Port ist.</translation>
    </message>
    <message>
        <source>The MQTT message is too large for %1.</source>
        <translation>Die MQTT-Nachricht ist zu groß für %1.</translation>
    </message>
    <message>
        <source>The MQTT topic is not valid UTF-8 or not a valid topic.</source>
        <translation>Das MQTT-Topic ist kein gültiges UTF-8 oder kein gültiges Topic.</translation>
    </message>
    <message>
        <source>libmosquitto refused the request as invalid.</source>
        <translation>libmosquitto hat die Anfrage als ungültig abgelehnt.</translation>
    </message>
    <message>
        <source>Out of memory in the MQTT client.</source>
        <translation>Dem MQTT-Client ist der Arbeitsspeicher ausgegangen.</translation>
    </message>
    <message>
        <source>%1 refused the connection — check the user name and the key or token.</source>
        <translation>%1 hat die Verbindung abgelehnt – prüfen Sie den Benutzernamen und den Schlüssel bzw. das Token.</translation>
    </message>
    <message>
        <source>%1 refused the connection — check that the broker runs and the port is right.</source>
        <translation>%1 hat die Verbindung abgelehnt – prüfen Sie, ob der Broker läuft und der Port stimmt.</translation>
    </message>
    <message>
        <source>%1 did not answer — check the host, the port and the firewall.</source>
        <translation>%1 hat nicht geantwortet – prüfen Sie Host, Port und Firewall.</translation>
    </message>
    <message>
        <source>%1 is unreachable — check the network connection.</source>
        <translation>%1 ist nicht erreichbar – prüfen Sie die Netzwerkverbindung.</translation>
    </message>
    <message>
        <source>Too many open files for another MQTT connection — raise the open-file limit (ulimit -n).</source>
        <translation>Zu viele offene Dateien für eine weitere MQTT-Verbindung – erhöhen Sie das Limit für offene Dateien (ulimit -n).</translation>
    </message>
    <message>
        <source>The connection to %1 failed or was lost.</source>
        <translation>Die Verbindung zu %1 ist fehlgeschlagen oder verloren gegangen.</translation>
    </message>
    <message>
        <source>The MQTT connection to %1 failed.</source>
        <translation>Die MQTT-Verbindung zu %1 ist fehlgeschlagen.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::MqttStreamDecoder</name>
    <message>
        <source>Malformed MQTT packet: %1</source>
        <translation>Fehlerhaftes MQTT-Paket: %1</translation>
    </message>
</context>
<context>
    <name>TwinBridge::MqttTlsContext</name>
    <message>
        <source>The CA file %1 does not exist or cannot be read — choose the PEM file of the certificate authority that signed the server&apos;s certificate.</source>
        <translation>Die CA-Datei %1 existiert nicht oder kann nicht gelesen werden – wählen Sie die PEM-Datei der Zertifizierungsstelle, die das Zertifikat des Servers signiert hat.</translation>
    </message>
    <message>
        <source>OpenSSL could not create a TLS context.</source>
        <translation>OpenSSL konnte keinen TLS-Kontext erstellen.</translation>
    </message>
    <message>
        <source>The system&apos;s certificate authorities could not be loaded — install the package ca-certificates or set a CA file.</source>
        <translation>Die Zertifizierungsstellen des Systems konnten nicht geladen werden – installieren Sie das Paket ca-certificates oder legen Sie eine CA-Datei fest.</translation>
    </message>
    <message>
        <source>The CA file %1 holds no PEM certificate OpenSSL can read — choose the CA certificate (PEM) of the server.</source>
        <translation>Die CA-Datei %1 enthält kein PEM-Zertifikat, das OpenSSL lesen kann – wählen Sie das CA-Zertifikat (PEM) des Servers.</translation>
    </message>
    <message>
        <source>The TLS handshake with %1 failed — check that the port is a TLS port and that the server accepts TLS 1.2 or later.</source>
        <translation>Der TLS-Handshake mit %1 ist fehlgeschlagen – prüfen Sie, ob der Port ein TLS-Port ist und ob der Server TLS 1.2 oder neuer akzeptiert.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not valid for %1 — check the host name (or the TLS server name of the connection).</source>
        <translation>Das Zertifikat des Servers ist für %1 nicht gültig – prüfen Sie den Hostnamen (oder den TLS-Servernamen der Verbindung).</translation>
    </message>
    <message>
        <source>The certificate of %1 is expired or not yet valid — check the computer&apos;s clock, or renew the server&apos;s certificate.</source>
        <translation>Das Zertifikat von %1 ist abgelaufen oder noch nicht gültig – prüfen Sie die Uhr des Computers oder erneuern Sie das Zertifikat des Servers.</translation>
    </message>
    <message>
        <source>The certificate of %1 is not trusted — set the CA file of this connection to the certificate authority that signed it.</source>
        <translation>Dem Zertifikat von %1 wird nicht vertraut – legen Sie als CA-Datei dieser Verbindung die Zertifizierungsstelle fest, die es signiert hat.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::OptionsPage</name>
    <message>
        <source>Options</source>
        <translation>Optionen</translation>
    </message>
    <message>
        <source>Choose the tiers of the Azure resources and how they are named. Each choice shows what it implies.</source>
        <translation>Wählen Sie die Tarife der Azure-Ressourcen und ihre Benennung. Jede Auswahl zeigt, was sie bedeutet.</translation>
    </message>
    <message>
        <source>Event Hubs, storage and routing</source>
        <translation>Event Hubs, Speicher und Routing</translation>
    </message>
    <message>
        <source>Event Hubs tier</source>
        <translation>Event-Hubs-Tarif</translation>
    </message>
    <message>
        <source>&amp;Event Hubs tier:</source>
        <translation>&amp;Event-Hubs-Tarif:</translation>
    </message>
    <message>
        <source>Event Hubs tier problem</source>
        <translation>Problem mit dem Event-Hubs-Tarif</translation>
    </message>
    <message>
        <source>Storage tier</source>
        <translation>Speichertarif</translation>
    </message>
    <message>
        <source>&amp;Storage tier:</source>
        <translation>&amp;Speichertarif:</translation>
    </message>
    <message>
        <source>Storage tier problem</source>
        <translation>Problem mit dem Speichertarif</translation>
    </message>
    <message>
        <source>Keep the &amp;fallback route</source>
        <translation>Fallback-Route &amp;beibehalten</translation>
    </message>
    <message>
        <source>Fallback route</source>
        <translation>Fallback-Route</translation>
    </message>
    <message>
        <source>Resource names</source>
        <translation>Ressourcennamen</translation>
    </message>
    <message>
        <source>Name suffix</source>
        <translation>Namenssuffix</translation>
    </message>
    <message>
        <source>3–13 lower-case letters, digits or hyphens</source>
        <translation>3–13 Kleinbuchstaben, Ziffern oder Bindestriche</translation>
    </message>
    <message>
        <source>Name s&amp;uffix:</source>
        <translation>Namenss&amp;uffix:</translation>
    </message>
    <message>
        <source>Name suffix problem</source>
        <translation>Problem mit dem Namenssuffix</translation>
    </message>
    <message>
        <source>Resources:</source>
        <translation>Ressourcen:</translation>
    </message>
    <message>
        <source>The engine&apos;s ingest endpoint</source>
        <translation>Der Ingest-Endpunkt der Engine</translation>
    </message>
    <message>
        <source>Public ingest URL</source>
        <translation>Öffentliche Ingest-URL</translation>
    </message>
    <message>
        <source>https://bridge.example.com/api/v3</source>
        <translation>https://bridge.example.com/api/v3</translation>
    </message>
    <message>
        <source>Public &amp;ingest URL:</source>
        <translation>Öffentliche &amp;Ingest-URL:</translation>
    </message>
    <message>
        <source>Ingest URL problem</source>
        <translation>Problem mit der Ingest-URL</translation>
    </message>
    <message>
        <source>The Azure Function calls this address from the internet. Expose the engine&apos;s ingest endpoint through a reverse proxy or a tunnel that terminates TLS (HTTPS) and enter its public address ending in /api/v3; docs/ingest.md describes the endpoint.</source>
        <translation>Die Azure Function ruft diese Adresse aus dem Internet auf. Machen Sie den Ingest-Endpunkt der Engine über einen Reverse Proxy oder einen Tunnel erreichbar, der TLS (HTTPS) terminiert, und geben Sie seine öffentliche Adresse ein, die auf /api/v3 endet; docs/ingest.md beschreibt den Endpunkt.</translation>
    </message>
    <message>
        <source>Ingest key</source>
        <translation>Ingest-Schlüssel</translation>
    </message>
    <message>
        <source>&amp;New key</source>
        <translation>&amp;Neuer Schlüssel</translation>
    </message>
    <message>
        <source>Generate a new ingest key</source>
        <translation>Einen neuen Ingest-Schlüssel erzeugen</translation>
    </message>
    <message>
        <source>Ingest key:</source>
        <translation>Ingest-Schlüssel:</translation>
    </message>
    <message>
        <source>Ingest key problem</source>
        <translation>Problem mit dem Ingest-Schlüssel</translation>
    </message>
    <message>
        <source>A new ingest key was generated. It is stored in the OS keychain when the deployment starts; the engine of this profile then accepts only the new key.</source>
        <translation>Ein neuer Ingest-Schlüssel wurde erzeugt. Er wird beim Start der Bereitstellung im Schlüsselbund des Betriebssystems gespeichert; die Engine dieses Profils akzeptiert dann nur noch den neuen Schlüssel.</translation>
    </message>
    <message>
        <source>IoT hub</source>
        <translation>IoT Hub</translation>
    </message>
    <message>
        <source>IoT Hub tier</source>
        <translation>IoT-Hub-Tarif</translation>
    </message>
    <message>
        <source>IoT Hub &amp;tier:</source>
        <translation>IoT-Hub-&amp;Tarif:</translation>
    </message>
    <message>
        <source>IoT Hub tier problem</source>
        <translation>Problem mit dem IoT-Hub-Tarif</translation>
    </message>
    <message>
        <source>IoT Hub units</source>
        <translation>IoT-Hub-Einheiten</translation>
    </message>
    <message>
        <source>U&amp;nits:</source>
        <translation>Ein&amp;heiten:</translation>
    </message>
    <message>
        <source>IoT Hub units problem</source>
        <translation>Problem mit den IoT-Hub-Einheiten</translation>
    </message>
    <message>
        <source>Messages per day:</source>
        <translation>Nachrichten pro Tag:</translation>
    </message>
    <message>
        <source>Device-to-cloud:</source>
        <translation>Gerät-zu-Cloud:</translation>
    </message>
    <message>
        <source>Twin reads:</source>
        <translation>Zwillingslesevorgänge:</translation>
    </message>
    <message>
        <source>Twin updates:</source>
        <translation>Zwillingsaktualisierungen:</translation>
    </message>
    <message>
        <source>Registry operations:</source>
        <translation>Registrierungsvorgänge:</translation>
    </message>
    <message>
        <source>Monthly cost:</source>
        <translation>Monatliche Kosten:</translation>
    </message>
    <message>
        <source>An update keeps the names of the deployed resources.</source>
        <translation>Eine Aktualisierung behält die Namen der bereitgestellten Ressourcen bei.</translation>
    </message>
    <message>
        <source>A new ingest key was generated; keep it for the engine of this profile.</source>
        <translation>Ein neuer Ingest-Schlüssel wurde erzeugt; bewahren Sie ihn für die Engine dieses Profils auf.</translation>
    </message>
    <message>
        <source>Reading the ingest key stored for this profile…</source>
        <translation>Der für dieses Profil gespeicherte Ingest-Schlüssel wird gelesen…</translation>
    </message>
    <message>
        <source>The ingest key stored for this profile is used: the engine accepts it already.</source>
        <translation>Der für dieses Profil gespeicherte Ingest-Schlüssel wird verwendet: Die Engine akzeptiert ihn bereits.</translation>
    </message>
    <message>
        <source>The stored ingest key could not be read (%1). A new key was generated; it is stored in the OS keychain when the deployment starts.</source>
        <translation>Der gespeicherte Ingest-Schlüssel konnte nicht gelesen werden (%1). Ein neuer Schlüssel wurde erzeugt; er wird beim Start der Bereitstellung im Schlüsselbund des Betriebssystems gespeichert.</translation>
    </message>
    <message>
        <source>This profile has no ingest key yet. A new one was generated; it is stored in the OS keychain when the deployment starts.</source>
        <translation>Dieses Profil hat noch keinen Ingest-Schlüssel. Ein neuer wurde erzeugt; er wird beim Start der Bereitstellung im Schlüsselbund des Betriebssystems gespeichert.</translation>
    </message>
    <message>
        <source>%L1 messages a day</source>
        <translation>%L1 Nachrichten pro Tag</translation>
    </message>
    <message>
        <source>%L1 device-to-cloud operations per second</source>
        <translation>%L1 Gerät-zu-Cloud-Vorgänge pro Sekunde</translation>
    </message>
    <message>
        <source>%L1 twin reads per second</source>
        <translation>%L1 Zwillingslesevorgänge pro Sekunde</translation>
    </message>
    <message>
        <source>%L1 twin updates per second</source>
        <translation>%L1 Zwillingsaktualisierungen pro Sekunde</translation>
    </message>
    <message>
        <source>%L1 registry operations per minute</source>
        <translation>%L1 Registrierungsvorgänge pro Minute</translation>
    </message>
    <message>
        <source>Free of charge, one unit only, and only one F1 hub per subscription (a second one is refused). Twin updates count against the daily messages.</source>
        <translation>Kostenlos, nur eine Einheit und nur ein F1-Hub pro Abonnement (ein zweiter wird abgelehnt). Zwillingsaktualisierungen zählen zu den täglichen Nachrichten.</translation>
    </message>
    <message numerus="yes">
        <source>Billed per unit and month: %1 × %n unit(s). The daily message quota and the throttles grow with the units; twin updates count as messages. Event Hubs, the Function and storage cost little next to the hub.</source>
        <translation>
            <numerusform>Abgerechnet pro Einheit und Monat: %1 × %n Einheit. Das tägliche Nachrichtenkontingent und die Drosselungsgrenzen wachsen mit den Einheiten; Zwillingsaktualisierungen zählen als Nachrichten. Event Hubs, die Function und der Speicher kosten im Vergleich zum Hub wenig.</numerusform>
            <numerusform>Abgerechnet pro Einheit und Monat: %1 × %n Einheiten. Das tägliche Nachrichtenkontingent und die Drosselungsgrenzen wachsen mit den Einheiten; Zwillingsaktualisierungen zählen als Nachrichten. Event Hubs, die Function und der Speicher kosten im Vergleich zum Hub wenig.</numerusform>
        </translation>
    </message>
    <message>
        <source>Device telemetry also stays on the hub&apos;s built-in events endpoint, as on a hub without custom routes.</source>
        <translation>Die Gerätetelemetrie bleibt auch auf dem integrierten Ereignisendpunkt des Hubs, wie bei einem Hub ohne benutzerdefinierte Routen.</translation>
    </message>
    <message>
        <source>Without the fallback route, device telemetry that matches no route is dropped: whatever reads the hub&apos;s built-in events endpoint (Stream Analytics, &apos;az iot hub monitor-events&apos;, your own consumers) no longer receives it. Twin changes still reach the Function.</source>
        <translation>Ohne die Fallback-Route wird Gerätetelemetrie verworfen, die zu keiner Route passt: Was den integrierten Ereignisendpunkt des Hubs liest (Stream Analytics, &apos;az iot hub monitor-events&apos;, Ihre eigenen Consumer), empfängt sie nicht mehr. Zwillingsänderungen erreichen die Function weiterhin.</translation>
    </message>
    <message>
        <source>(enter a suffix)</source>
        <translation>(Suffix eingeben)</translation>
    </message>
    <message>
        <source>IoT hub %1
Event Hubs namespace %2
Function app %3
Storage account %4</source>
        <translation>IoT Hub %1
Event-Hubs-Namespace %2
Function-App %3
Speicherkonto %4</translation>
    </message>
</context>
<context>
    <name>TwinBridge::Outbox</name>
    <message>
        <source>open the outbox</source>
        <translation>Öffnen der Outbox</translation>
    </message>
    <message>
        <source>The data directory “%1” cannot be created. Check that the path is writable or choose another data directory for this profile.</source>
        <translation>Das Datenverzeichnis „%1“ kann nicht erstellt werden. Prüfen Sie, ob der Pfad beschreibbar ist, oder wählen Sie ein anderes Datenverzeichnis für dieses Profil.</translation>
    </message>
    <message>
        <source>The outbox file “%1” is damaged or is not a TwinBridge outbox. Stop the engine, move the file aside (messages in it cannot be recovered by TwinBridge) and start again.</source>
        <translation>Die Outbox-Datei „%1“ ist beschädigt oder keine TwinBridge-Outbox. Halten Sie die Engine an, verschieben Sie die Datei an einen anderen Ort (TwinBridge kann die Nachrichten darin nicht wiederherstellen) und starten Sie erneut.</translation>
    </message>
    <message>
        <source>The outbox file “%1” is in use by another TwinBridge engine. Stop the other engine (GUI or twinbridged) that runs this profile, or give this one its own data directory.</source>
        <translation>Die Outbox-Datei „%1“ wird von einer anderen TwinBridge-Engine verwendet. Halten Sie die andere Engine (GUI oder twinbridged) an, die dieses Profil ausführt, oder geben Sie dieser ein eigenes Datenverzeichnis.</translation>
    </message>
    <message>
        <source>The outbox file “%1” cannot be read or written (%2). Check the disk space and the permissions of the data directory.</source>
        <translation>Die Outbox-Datei „%1“ kann nicht gelesen oder geschrieben werden (%2). Prüfen Sie den freien Speicherplatz und die Berechtigungen des Datenverzeichnisses.</translation>
    </message>
    <message>
        <source>The outbox file “%1” was written by a newer TwinBridge (format %2, this version reads format %3). Use the newer TwinBridge to drain it, or move the file aside.</source>
        <translation>Die Outbox-Datei „%1“ wurde von einer neueren TwinBridge-Version geschrieben (Format %2, diese Version liest Format %3). Arbeiten Sie sie mit der neueren Version ab oder verschieben Sie die Datei an einen anderen Ort.</translation>
    </message>
    <message>
        <source>read the outbox</source>
        <translation>Lesen der Outbox</translation>
    </message>
    <message>
        <source>The outbox is full (%1 of at most %2 records, %3 of at most %4 bytes), so %5 new record(s) were refused. The far side is not confirming messages: check the connection to the hub and TTS, or raise the outbox limits.</source>
        <translation>Die Outbox ist voll (%1 von höchstens %2 Einträgen, %3 von höchstens %4 Bytes), daher wurden neue Einträge abgelehnt (Anzahl: %5). Die Gegenseite bestätigt keine Nachrichten: Prüfen Sie die Verbindung zum Hub und zu TTS oder erhöhen Sie die Grenzen der Outbox.</translation>
    </message>
    <message>
        <source>store messages in the outbox</source>
        <translation>Speichern von Nachrichten in der Outbox</translation>
    </message>
    <message>
        <source>An outbox record needs a device id and a known kind.</source>
        <translation>Ein Outbox-Eintrag braucht eine Geräte-ID und eine bekannte Art.</translation>
    </message>
    <message>
        <source>The outbox has no record %1.</source>
        <translation>Die Outbox hat keinen Eintrag %1.</translation>
    </message>
    <message>
        <source>remove confirmed messages from the outbox</source>
        <translation>Entfernen bestätigter Nachrichten aus der Outbox</translation>
    </message>
    <message>
        <source>record a failed delivery in the outbox</source>
        <translation>Vermerken einer fehlgeschlagenen Zustellung in der Outbox</translation>
    </message>
    <message>
        <source>retry the waiting messages of the outbox now</source>
        <translation>Sofortiges erneutes Senden der wartenden Nachrichten der Outbox</translation>
    </message>
    <message>
        <source>discard messages from the outbox</source>
        <translation>Verwerfen von Nachrichten aus der Outbox</translation>
    </message>
</context>
<context>
    <name>TwinBridge::ProfileListModel</name>
    <message>
        <source>(unnamed profile)</source>
        <translation>(unbenanntes Profil)</translation>
    </message>
    <message>
        <source>This is the profile in use.</source>
        <translation>Dieses Profil wird verwendet.</translation>
    </message>
    <message>
        <source>This profile needs fixing before it can be used:</source>
        <translation>Dieses Profil muss korrigiert werden, bevor es verwendet werden kann:</translation>
    </message>
</context>
<context>
    <name>TwinBridge::ProfileSession</name>
    <message>
        <source>A newer profile session replaced this one.</source>
        <translation>Eine neuere Profilsitzung hat diese ersetzt.</translation>
    </message>
    <message>
        <source>The profile has no IoT Hub host name. Enter it on the Connections page, or deploy a hub with the Deploy page.</source>
        <translation>Das Profil hat keinen IoT-Hub-Hostnamen. Geben Sie ihn auf der Seite „Verbindungen“ ein, oder stellen Sie über die Seite „Bereitstellen“ einen Hub bereit.</translation>
    </message>
    <message>
        <source>The profile has no The Things Stack address or application ID. Enter them on the Connections page.</source>
        <translation>Das Profil hat keine Adresse oder Anwendungs-ID für The Things Stack. Geben Sie sie auf der Seite „Verbindungen“ ein.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::ProfileStore</name>
    <message>
        <source>The connection profile has no valid ID; create it with “New” on the Connections page.</source>
        <translation>Das Verbindungsprofil hat keine gültige ID; legen Sie es mit „Neu“ auf der Seite „Verbindungen“ an.</translation>
    </message>
    <message>
        <source>A connection profile with this ID already exists (“%1”).</source>
        <translation>Es gibt bereits ein Verbindungsprofil mit dieser ID („%1“).</translation>
    </message>
    <message>
        <source>The connection profile “%1” no longer exists; it may have been deleted. Create it again with “New”.</source>
        <translation>Das Verbindungsprofil „%1“ existiert nicht mehr; vielleicht wurde es gelöscht. Legen Sie es mit „Neu“ erneut an.</translation>
    </message>
    <message>
        <source>The connection profile to delete does not exist any more.</source>
        <translation>Das zu löschende Verbindungsprofil existiert nicht mehr.</translation>
    </message>
    <message>
        <source>The connection profile to use does not exist any more. Choose another one.</source>
        <translation>Das zu verwendende Verbindungsprofil existiert nicht mehr. Wählen Sie ein anderes.</translation>
    </message>
    <message>
        <source>export the connection profile to “%1”</source>
        <translation>Exportieren des Verbindungsprofils nach „%1“</translation>
    </message>
    <message>
        <source>The connection profile does not exist any more.</source>
        <translation>Das Verbindungsprofil existiert nicht mehr.</translation>
    </message>
    <message>
        <source>The file cannot be written (%1). Choose a folder you can write to.</source>
        <translation>Die Datei kann nicht geschrieben werden (%1). Wählen Sie einen Ordner, in den Sie schreiben dürfen.</translation>
    </message>
    <message>
        <source>import a connection profile from “%1”</source>
        <translation>Importieren eines Verbindungsprofils aus „%1“</translation>
    </message>
    <message>
        <source>The file does not exist.</source>
        <translation>Die Datei existiert nicht.</translation>
    </message>
    <message>
        <source>The file is larger than 1 MiB, far too large for a connection profile. Choose a file exported by TwinBridge.</source>
        <translation>Die Datei ist größer als 1 MiB und damit viel zu groß für ein Verbindungsprofil. Wählen Sie eine von TwinBridge exportierte Datei.</translation>
    </message>
    <message>
        <source>The file cannot be read (%1). Check its permissions.</source>
        <translation>Die Datei kann nicht gelesen werden (%1). Prüfen Sie ihre Zugriffsrechte.</translation>
    </message>
    <message>
        <source>The file is not valid JSON (%1 at character %2). Choose a file exported by TwinBridge.</source>
        <translation>Die Datei ist kein gültiges JSON (%1 bei Zeichen %2). Wählen Sie eine von TwinBridge exportierte Datei.</translation>
    </message>
    <message>
        <source>The file holds no JSON object, so it is not a connection profile exported by TwinBridge.</source>
        <translation>Die Datei enthält kein JSON-Objekt und ist daher kein von TwinBridge exportiertes Verbindungsprofil.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>TwinBridge::ProgressPage</name>
    <message>
        <source>&amp;Cancel deployment</source>
        <translation>Bereitstellung &amp;abbrechen</translation>
    </message>
    <message>
        <source>Deploying</source>
        <translation>Bereitstellung</translation>
    </message>
    <message>
        <source>Azure creates the resources one after another; this takes a few minutes.</source>
        <translation>Azure erstellt die Ressourcen nacheinander; das dauert einige Minuten.</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Weiter &gt;</translation>
    </message>
    <message>
        <source>Deployment state</source>
        <translation>Status der Bereitstellung</translation>
    </message>
    <message>
        <source>Elapsed time</source>
        <translation>Verstrichene Zeit</translation>
    </message>
    <message>
        <source>Deployment running</source>
        <translation>Bereitstellung läuft</translation>
    </message>
    <message>
        <source>Resources of the deployment</source>
        <translation>Ressourcen der Bereitstellung</translation>
    </message>
    <message>
        <source>Cancel the deployment</source>
        <translation>Die Bereitstellung abbrechen</translation>
    </message>
    <message>
        <source>Deployment:</source>
        <translation>Bereitstellung:</translation>
    </message>
    <message>
        <source>Elapsed:</source>
        <translation>Verstrichen:</translation>
    </message>
    <message>
        <source>Preparing resource group %1…</source>
        <translation>Ressourcengruppe %1 wird vorbereitet…</translation>
    </message>
    <message>
        <source>Deploying %1 to resource group %2…</source>
        <translation>%1 wird in der Ressourcengruppe %2 bereitgestellt…</translation>
    </message>
    <message>
        <source>Fetching the key of policy %1…</source>
        <translation>Der Schlüssel der Richtlinie %1 wird abgerufen…</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>nicht gestartet</translation>
    </message>
    <message>
        <source>You are not signed in to Azure. Go back to the sign-in page.</source>
        <translation>Sie sind nicht bei Azure angemeldet. Gehen Sie zurück zur Anmeldeseite.</translation>
    </message>
    <message>
        <source>Storing the ingest key in the OS keychain…</source>
        <translation>Der Ingest-Schlüssel wird im Schlüsselbund des Betriebssystems gespeichert…</translation>
    </message>
    <message>
        <source>The ingest key could not be stored in the OS keychain (%1), so nothing was deployed. Unlock or start the keychain (Secret Service) and retry.</source>
        <translation>Der Ingest-Schlüssel konnte nicht im Schlüsselbund des Betriebssystems gespeichert werden (%1), daher wurde nichts bereitgestellt. Entsperren oder starten Sie den Schlüsselbund (Secret Service) und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Asking Azure to cancel the deployment…</source>
        <translation>Azure wird gebeten, die Bereitstellung abzubrechen…</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Fertig.</translation>
    </message>
    <message>
        <source>The deployment succeeded in %1. IoT hub %2 is ready; the next page stores its key and the profile.</source>
        <translation>Die Bereitstellung war nach %1 erfolgreich. IoT Hub %2 ist bereit; die nächste Seite speichert seinen Schlüssel und das Profil.</translation>
    </message>
    <message>
        <source>Canceled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>The deployment failed.</source>
        <translation>Die Bereitstellung ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>No resource was completed; resource group %1 stays in Azure (uninstall removes it).</source>
        <translation>Keine Ressource wurde fertiggestellt; die Ressourcengruppe %1 bleibt in Azure (die Deinstallation entfernt sie).</translation>
    </message>
    <message>
        <source>Created and still in resource group %1: %2. Deploy again (Retry) to complete the rest, or uninstall to remove them.</source>
        <translation>Erstellt und noch in der Ressourcengruppe %1: %2. Stellen Sie erneut bereit („Wiederholen“), um den Rest fertigzustellen, oder deinstallieren Sie, um sie zu entfernen.</translation>
    </message>
    <message>
        <source>%1:%2</source>
        <translation>%1:%2</translation>
    </message>
</context>
<context>
    <name>TwinBridge::QueryPage</name>
    <message>
        <source>Query result item %1 is not a twin (not a JSON object).</source>
        <translation>Element %1 des Abfrageergebnisses ist kein Zwilling (kein JSON-Objekt).</translation>
    </message>
    <message>
        <source>Query result item %1: %2</source>
        <translation>Element %1 des Abfrageergebnisses: %2</translation>
    </message>
    <message>
        <source>The query result is not valid JSON: %1.</source>
        <translation>Das Abfrageergebnis ist kein gültiges JSON: %1.</translation>
    </message>
    <message>
        <source>The query result must be a JSON list.</source>
        <translation>Das Abfrageergebnis muss eine JSON-Liste sein.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::ReviewPage</name>
    <message>
        <source>Review</source>
        <translation>Überprüfung</translation>
    </message>
    <message>
        <source>Deployment plan</source>
        <translation>Bereitstellungsplan</translation>
    </message>
    <message>
        <source>Checks before deploying</source>
        <translation>Prüfungen vor der Bereitstellung</translation>
    </message>
    <message>
        <source>What the deployment changes</source>
        <translation>Was die Bereitstellung ändert</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>Resource</source>
        <translation>Ressource</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Azure checks the update before anything changes. Nothing is changed until you click Update.</source>
        <translation>Azure prüft die Aktualisierung, bevor sich etwas ändert. Es wird nichts geändert, bis Sie auf „Aktualisieren“ klicken.</translation>
    </message>
    <message>
        <source>Azure checks the deployment before anything is created. Nothing is deployed until you click Deploy.</source>
        <translation>Azure prüft die Bereitstellung, bevor etwas erstellt wird. Es wird nichts bereitgestellt, bis Sie auf „Bereitstellen“ klicken.</translation>
    </message>
    <message>
        <source>&amp;Update</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Deploy</source>
        <translation>&amp;Bereitstellen</translation>
    </message>
    <message>
        <source>Resource group %1 exists</source>
        <translation>Ressourcengruppe %1 existiert</translation>
    </message>
    <message>
        <source>Resource providers and the IoT hub name</source>
        <translation>Ressourcenanbieter und IoT-Hub-Name</translation>
    </message>
    <message>
        <source>At most one free (F1) hub per subscription</source>
        <translation>Höchstens ein kostenloser Hub (F1) pro Abonnement</translation>
    </message>
    <message>
        <source>Azure validates the template</source>
        <translation>Azure validiert die Vorlage</translation>
    </message>
    <message>
        <source>What the deployment changes (what-if)</source>
        <translation>Was die Bereitstellung ändert (What-If)</translation>
    </message>
    <message>
        <source>You are not signed in to Azure. Go back to the sign-in page.</source>
        <translation>Sie sind nicht bei Azure angemeldet. Gehen Sie zurück zur Anmeldeseite.</translation>
    </message>
    <message>
        <source>removing the empty resource group %1 that earlier checks created…</source>
        <translation>die leere Ressourcengruppe %1, die frühere Prüfungen erstellt haben, wird entfernt…</translation>
    </message>
    <message>
        <source>Resource group %1 does not exist, so there is nothing to update. Deploy first, or use the profile the deployment created.</source>
        <translation>Die Ressourcengruppe %1 existiert nicht, daher gibt es nichts zu aktualisieren. Stellen Sie zuerst bereit, oder verwenden Sie das Profil, das die Bereitstellung angelegt hat.</translation>
    </message>
    <message>
        <source>Register %1 now</source>
        <translation>%1 jetzt registrieren</translation>
    </message>
    <message>
        <source>not registered in the subscription yet: %1. Tick the box to register them.</source>
        <translation>noch nicht im Abonnement registriert: %1. Aktivieren Sie das Kontrollkästchen, um sie zu registrieren.</translation>
    </message>
    <message>
        <source>The IoT hub name %1 is not available: %2 Choose another name suffix on the Options page.</source>
        <translation>Der IoT-Hub-Name %1 ist nicht verfügbar: %2 Wählen Sie auf der Seite „Optionen“ ein anderes Namenssuffix.</translation>
    </message>
    <message>
        <source>There is no IoT hub %1 to update. Deploy first, or use the profile whose hub it is.</source>
        <translation>Es gibt keinen IoT Hub %1 zum Aktualisieren. Stellen Sie zuerst bereit, oder verwenden Sie das Profil, zu dem dieser Hub gehört.</translation>
    </message>
    <message>
        <source>hub %1 found</source>
        <translation>Hub %1 gefunden</translation>
    </message>
    <message>
        <source>name %1 is free</source>
        <translation>Name %1 ist frei</translation>
    </message>
    <message>
        <source>registering %1…</source>
        <translation>%1 wird registriert…</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 is not a free hub</source>
        <translation>%1 ist kein kostenloser Hub</translation>
    </message>
    <message>
        <source>The subscription already has a free (F1) IoT hub, %1 in resource group %2, and Azure allows only one. Choose tier S1 on the Options page, or delete that hub first.</source>
        <translation>Das Abonnement hat bereits einen kostenlosen IoT Hub (F1), %1 in der Ressourcengruppe %2, und Azure erlaubt nur einen. Wählen Sie auf der Seite „Optionen“ den Tarif S1, oder löschen Sie zuerst diesen Hub.</translation>
    </message>
    <message>
        <source>no other F1 hub in the subscription</source>
        <translation>kein anderer F1-Hub im Abonnement</translation>
    </message>
    <message numerus="yes">
        <source>%n resource(s)</source>
        <translation>
            <numerusform>%n Ressource</numerusform>
            <numerusform>%n Ressourcen</numerusform>
        </translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>wartet</translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>wird geprüft…</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>bestanden</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>übersprungen</translation>
    </message>
    <message>
        <source>needs your consent</source>
        <translation>erfordert Ihre Einwilligung</translation>
    </message>
    <message>
        <source>see below</source>
        <translation>siehe unten</translation>
    </message>
    <message>
        <source>Subscription: %1</source>
        <translation>Abonnement: %1</translation>
    </message>
    <message>
        <source>Resource group: %1 (%2)</source>
        <translation>Ressourcengruppe: %1 (%2)</translation>
    </message>
    <message>
        <source>its current region</source>
        <translation>ihre aktuelle Region</translation>
    </message>
    <message>
        <source>Deployment: %1 (Incremental)</source>
        <translation>Bereitstellung: %1 (Incremental)</translation>
    </message>
    <message numerus="yes">
        <source>IoT hub: %1, %2 × %n unit(s), policy %3</source>
        <translation>
            <numerusform>IoT Hub: %1, %2 × %n Einheit, Richtlinie %3</numerusform>
            <numerusform>IoT Hub: %1, %2 × %n Einheiten, Richtlinie %3</numerusform>
        </translation>
    </message>
    <message>
        <source>Event Hubs: %1 · Storage: %2 · Fallback route: %3</source>
        <translation>Event Hubs: %1 · Speicher: %2 · Fallback-Route: %3</translation>
    </message>
    <message>
        <source>on</source>
        <translation>ein</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>The Function posts twin changes to the TwinBridge engine at %1 for application %2, with the engine&apos;s ingest key.</source>
        <translation>Die Function sendet Zwillingsänderungen an die TwinBridge-Engine unter %1 für die Anwendung %2, mit dem Ingest-Schlüssel der Engine.</translation>
    </message>
    <message>
        <source>The Function posts twin changes to The Things Stack at %1 for application %2, with the TTS API key.</source>
        <translation>Die Function sendet Zwillingsänderungen an The Things Stack unter %1 für die Anwendung %2, mit dem TTS-API-Schlüssel.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::SandboxFunctionRegistration</name>
    <message>
        <source>the sandbox&apos;s admin API answered %1: %2</source>
        <translation>die Admin-API der Sandbox hat mit %1 geantwortet: %2</translation>
    </message>
    <message>
        <source>point the sandbox&apos;s Function of hub %1 at the ingest endpoint</source>
        <translation>Ausrichten der Function von Hub %1 der Sandbox auf den Ingest-Endpunkt</translation>
    </message>
    <message>
        <source>hub %1 of the sandbox has no Function configured; restore its routing (docs/sandbox.md) or start the sandbox with a fresh state directory.</source>
        <translation>für Hub %1 der Sandbox ist keine Function eingerichtet; stellen Sie sein Routing wieder her (docs/sandbox.md) oder starten Sie die Sandbox mit einem neuen Zustandsverzeichnis.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::SandboxProfileImport</name>
    <message>
        <source>The field “%1” in %2 %3 Start twinbridge-sandbox again so that it writes a complete file; if this persists, TwinBridge and the sandbox are from different versions.</source>
        <translation>Das Feld „%1“ in %2 %3 Starten Sie twinbridge-sandbox erneut, damit es eine vollständige Datei schreibt; bleibt der Fehler bestehen, stammen TwinBridge und die Sandbox aus verschiedenen Versionen.</translation>
    </message>
    <message>
        <source>is missing.</source>
        <translation>fehlt.</translation>
    </message>
    <message>
        <source>must be an object ({…}).</source>
        <translation>muss ein Objekt ({…}) sein.</translation>
    </message>
    <message>
        <source>must be a string.</source>
        <translation>muss Text sein.</translation>
    </message>
    <message>
        <source>is empty.</source>
        <translation>ist leer.</translation>
    </message>
    <message>
        <source>must be a port number, a whole number from 1 to 65535.</source>
        <translation>muss eine Portnummer sein, eine ganze Zahl von 1 bis 65535.</translation>
    </message>
    <message>
        <source>must be true or false.</source>
        <translation>muss true oder false sein.</translation>
    </message>
    <message>
        <source>is true, but “tts.api” is not an https:// URL.</source>
        <translation>ist true, aber „tts.api“ ist keine https://-URL.</translation>
    </message>
    <message>
        <source>is false, but “tts.api” is an https:// URL.</source>
        <translation>ist false, aber „tts.api“ ist eine https://-URL.</translation>
    </message>
    <message>
        <source>cannot be used: %1</source>
        <translation>kann nicht verwendet werden: %1</translation>
    </message>
    <message>
        <source>%1 does not exist. Start twinbridge-sandbox (it writes the file once it is ready) or choose the sandbox.json in its --state-dir.</source>
        <translation>%1 existiert nicht. Starten Sie twinbridge-sandbox (es schreibt die Datei, sobald es bereit ist) oder wählen Sie die sandbox.json in seinem --state-dir.</translation>
    </message>
    <message>
        <source>%1 is larger than 1 MiB, far too large for a sandbox description. Choose the sandbox.json that twinbridge-sandbox wrote.</source>
        <translation>%1 ist größer als 1 MiB und damit viel zu groß für eine Sandbox-Beschreibung. Wählen Sie die sandbox.json, die twinbridge-sandbox geschrieben hat.</translation>
    </message>
    <message>
        <source>%1 cannot be read (%2). Check its permissions: twinbridge-sandbox makes it readable by its own user only.</source>
        <translation>%1 kann nicht gelesen werden (%2). Prüfen Sie die Zugriffsrechte: twinbridge-sandbox macht die Datei nur für seinen eigenen Benutzer lesbar.</translation>
    </message>
    <message>
        <source>%1 is not valid JSON (%2 at character %3). Choose the sandbox.json that twinbridge-sandbox wrote.</source>
        <translation>%1 ist kein gültiges JSON (%2 bei Zeichen %3). Wählen Sie die sandbox.json, die twinbridge-sandbox geschrieben hat.</translation>
    </message>
    <message>
        <source>%1 holds no JSON object, so it is not a sandbox description. Choose the sandbox.json that twinbridge-sandbox wrote.</source>
        <translation>%1 enthält kein JSON-Objekt und ist daher keine Sandbox-Beschreibung. Wählen Sie die sandbox.json, die twinbridge-sandbox geschrieben hat.</translation>
    </message>
    <message>
        <source>import the sandbox profile</source>
        <translation>Importieren des Sandbox-Profils</translation>
    </message>
    <message>
        <source>%1 has no “tts” section (an older twinbridge-sandbox?): enter The Things Stack settings and the TTS API key yourself.</source>
        <translation>%1 hat keinen Abschnitt „tts“ (ein älteres twinbridge-sandbox?): Geben Sie die Einstellungen für The Things Stack und den TTS-API-Schlüssel selbst ein.</translation>
    </message>
    <message>
        <source>%1 has no “azure” section (an older twinbridge-sandbox?): enter the Azure sign-in settings and the Azure client secret yourself.</source>
        <translation>%1 hat keinen Abschnitt „azure“ (ein älteres twinbridge-sandbox?): Geben Sie die Einstellungen für die Azure-Anmeldung und den geheimen Azure-Clientschlüssel selbst ein.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::SasToken</name>
    <message>
        <source>it is empty.</source>
        <translation>sie ist leer.</translation>
    </message>
    <message>
        <source>it must start with &quot;SharedAccessSignature &quot; followed by the fields.</source>
        <translation>sie muss mit „SharedAccessSignature “ beginnen, gefolgt von den Feldern.</translation>
    </message>
    <message>
        <source>it contains an empty field (&quot;&amp;&amp;&quot;).</source>
        <translation>sie enthält ein leeres Feld („&amp;&amp;“).</translation>
    </message>
    <message>
        <source>the field &quot;%1&quot; is empty.</source>
        <translation>das Feld „%1“ ist leer.</translation>
    </message>
    <message>
        <source>the field &quot;sr&quot; appears twice.</source>
        <translation>das Feld „sr“ kommt zweimal vor.</translation>
    </message>
    <message>
        <source>the field &quot;sig&quot; appears twice.</source>
        <translation>das Feld „sig“ kommt zweimal vor.</translation>
    </message>
    <message>
        <source>the signature &quot;sig&quot; is not a base64 HMAC-SHA256 value.</source>
        <translation>die Signatur „sig“ ist kein Base64-kodierter HMAC-SHA256-Wert.</translation>
    </message>
    <message>
        <source>the field &quot;se&quot; appears twice.</source>
        <translation>das Feld „se“ kommt zweimal vor.</translation>
    </message>
    <message>
        <source>the expiry &quot;se&quot; must be seconds since 1970 as a whole number.</source>
        <translation>der Ablaufzeitpunkt „se“ muss eine ganze Zahl von Sekunden seit 1970 sein.</translation>
    </message>
    <message>
        <source>the field &quot;%1&quot; is not one of sr, sig, se, skn.</source>
        <translation>das Feld „%1“ ist keines von sr, sig, se, skn.</translation>
    </message>
    <message>
        <source>the resource field &quot;sr&quot; is missing.</source>
        <translation>das Ressourcenfeld „sr“ fehlt.</translation>
    </message>
    <message>
        <source>the signature field &quot;sig&quot; is missing.</source>
        <translation>das Signaturfeld „sig“ fehlt.</translation>
    </message>
    <message>
        <source>the expiry field &quot;se&quot; is missing.</source>
        <translation>das Ablauffeld „se“ fehlt.</translation>
    </message>
    <message>
        <source>The signature does not match: the token was signed with a different key, or the resource was changed after signing.</source>
        <translation>Die Signatur stimmt nicht: Das Token wurde mit einem anderen Schlüssel signiert oder die Ressource wurde nach dem Signieren geändert.</translation>
    </message>
    <message>
        <source>The token expired at %1 (now %2). Check the computer&apos;s clock and create a new token.</source>
        <translation>Das Token ist um %1 abgelaufen (jetzt %2). Prüfen Sie die Uhr des Computers und erstellen Sie ein neues Token.</translation>
    </message>
    <message>
        <source>The shared access signature is malformed: %1</source>
        <translation>Die Shared Access Signature ist fehlerhaft: %1</translation>
    </message>
    <message>
        <source>field %1 has no name=value form.</source>
        <translation>Feld %1 hat nicht die Form Name=Wert.</translation>
    </message>
    <message>
        <source>the field &quot;%1&quot; has a &apos;%&apos; that is not followed by two hex digits, or its escapes are not UTF-8.</source>
        <translation>das Feld „%1“ enthält ein „%“, auf das keine zwei Hexadezimalziffern folgen, oder seine Escape-Sequenzen ergeben kein UTF-8.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::SecretStore</name>
    <message>
        <source>TTS API key</source>
        <translation>TTS-API-Schlüssel</translation>
    </message>
    <message>
        <source>IoT Hub policy key</source>
        <translation>IoT-Hub-Richtlinienschlüssel</translation>
    </message>
    <message>
        <source>Azure client secret</source>
        <translation>Geheimer Azure-Clientschlüssel</translation>
    </message>
    <message>
        <source>ingest key</source>
        <translation>Ingest-Schlüssel</translation>
    </message>
    <message>
        <source>Azure sign-in</source>
        <translation>Azure-Anmeldung</translation>
    </message>
    <message>
        <source>This connection profile has no stored Azure sign-in. Sign in to Azure again on the Deploy page.</source>
        <translation>Für dieses Verbindungsprofil ist keine Azure-Anmeldung gespeichert. Melden Sie sich auf der Seite „Bereitstellen“ erneut bei Azure an.</translation>
    </message>
    <message>
        <source>No %1 is stored for this connection profile. Enter it on the Connections page and save the profile.</source>
        <translation>Für dieses Verbindungsprofil ist kein Wert für „%1“ gespeichert. Geben Sie ihn auf der Seite „Verbindungen“ ein und speichern Sie das Profil.</translation>
    </message>
    <message>
        <source>No connection profile was given. Select or create a profile on the Connections page first.</source>
        <translation>Es wurde kein Verbindungsprofil angegeben. Wählen Sie zuerst auf der Seite „Verbindungen“ ein Profil aus oder legen Sie eines an.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::ServiceError</name>
    <message>
        <source>The operation was canceled.</source>
        <translation>Der Vorgang wurde abgebrochen.</translation>
    </message>
    <message>
        <source>The service sent an answer TwinBridge does not understand. Check that the endpoint URL points at the right service.</source>
        <translation>Der Dienst hat eine Antwort gesendet, die TwinBridge nicht versteht. Prüfen Sie, ob die Endpunkt-URL auf den richtigen Dienst zeigt.</translation>
    </message>
    <message>
        <source>Could not %1: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
</context>
<context>
    <name>TwinBridge::SessionSecretStore</name>
    <message>
        <source>No OS keychain: secrets are kept in memory only and will be forgotten when TwinBridge exits.</source>
        <translation>Kein Schlüsselbund des Betriebssystems: Geheimnisse werden nur im Arbeitsspeicher gehalten und beim Beenden von TwinBridge vergessen.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::SignInPage</name>
    <message>
        <source>Sign in to Azure</source>
        <translation>Bei Azure anmelden</translation>
    </message>
    <message>
        <source>The wizard creates and changes Azure resources in your name. Choose how to sign in.</source>
        <translation>Der Assistent erstellt und ändert Azure-Ressourcen in Ihrem Namen. Wählen Sie, wie Sie sich anmelden.</translation>
    </message>
    <message>
        <source>How to sign in</source>
        <translation>Art der Anmeldung</translation>
    </message>
    <message>
        <source>With a &amp;code in the browser (device code)</source>
        <translation>Mit einem &amp;Code im Browser (Gerätecode)</translation>
    </message>
    <message>
        <source>As a &amp;service principal (client secret)</source>
        <translation>Als &amp;Dienstprinzipal (geheimer Clientschlüssel)</translation>
    </message>
    <message>
        <source>With the existing Azure &amp;CLI login (az)</source>
        <translation>Mit der vorhandenen Anmeldung der Azure CL&amp;I (az)</translation>
    </message>
    <message>
        <source>Sign-in authority</source>
        <translation>Anmeldeautorität</translation>
    </message>
    <message>
        <source>Tenant ID</source>
        <translation>Mandanten-ID</translation>
    </message>
    <message>
        <source>GUID or domain, e.g. contoso.onmicrosoft.com</source>
        <translation>GUID oder Domäne, z. B. contoso.onmicrosoft.com</translation>
    </message>
    <message>
        <source>Client ID</source>
        <translation>Client-ID</translation>
    </message>
    <message>
        <source>Application (client) ID of the app registration</source>
        <translation>Anwendungs-ID (Client-ID) der App-Registrierung</translation>
    </message>
    <message>
        <source>Client secret</source>
        <translation>Geheimer Clientschlüssel</translation>
    </message>
    <message>
        <source>&amp;Authority:</source>
        <translation>&amp;Anmeldeautorität:</translation>
    </message>
    <message>
        <source>&amp;Tenant:</source>
        <translation>&amp;Mandant:</translation>
    </message>
    <message>
        <source>C&amp;lient ID:</source>
        <translation>C&amp;lient-ID:</translation>
    </message>
    <message>
        <source>Client s&amp;ecret:</source>
        <translation>G&amp;eheimer Clientschlüssel:</translation>
    </message>
    <message>
        <source>Sign-in code</source>
        <translation>Anmeldecode</translation>
    </message>
    <message>
        <source>C&amp;opy code</source>
        <translation>Code k&amp;opieren</translation>
    </message>
    <message>
        <source>Sign &amp;in</source>
        <translation>A&amp;nmelden</translation>
    </message>
    <message>
        <source>Stop signing in</source>
        <translation>Anmeldung abbrechen</translation>
    </message>
    <message>
        <source>Signing in</source>
        <translation>Anmeldung</translation>
    </message>
    <message>
        <source>The code is on the clipboard.</source>
        <translation>Der Code ist in der Zwischenablage.</translation>
    </message>
    <message>
        <source>Signed in as %1.</source>
        <translation>Angemeldet als %1.</translation>
    </message>
    <message>
        <source>You get a code to enter on a Microsoft page in any browser, on this or another device; the wizard continues once you signed in there. Needs an app registration that allows public client flows (the client ID).</source>
        <translation>Sie erhalten einen Code, den Sie auf einer Microsoft-Seite in einem beliebigen Browser eingeben, auf diesem oder einem anderen Gerät; der Assistent fährt fort, sobald Sie sich dort angemeldet haben. Erfordert eine App-Registrierung, die öffentliche Clientflows zulässt (die Client-ID).</translation>
    </message>
    <message>
        <source>For automation accounts: the app registration&apos;s client ID and one of its client secrets. The identity needs the Contributor role on the subscription or resource group. The secret is kept in the OS keychain.</source>
        <translation>Für Automatisierungskonten: die Client-ID der App-Registrierung und einer ihrer geheimen Clientschlüssel. Die Identität benötigt die Rolle „Mitwirkender“ für das Abonnement oder die Ressourcengruppe. Das Geheimnis wird im Schlüsselbund des Betriebssystems aufbewahrt.</translation>
    </message>
    <message>
        <source>Uses the account you signed in with by running “az login” on this computer. The Azure CLI must be installed.</source>
        <translation>Verwendet das Konto, mit dem Sie sich auf diesem Computer über „az login“ angemeldet haben. Die Azure CLI muss installiert sein.</translation>
    </message>
    <message>
        <source>Open &lt;a href=&quot;%1&quot;&gt;%2&lt;/a&gt; in a browser and enter this code:</source>
        <translation>Öffnen Sie &lt;a href=&quot;%1&quot;&gt;%2&lt;/a&gt; in einem Browser und geben Sie diesen Code ein:</translation>
    </message>
    <message>
        <source>Waiting for you to sign in in the browser…</source>
        <translation>Warten auf Ihre Anmeldung im Browser…</translation>
    </message>
    <message>
        <source>Enter the client ID of an app registration that allows public client flows.</source>
        <translation>Geben Sie die Client-ID einer App-Registrierung ein, die öffentliche Clientflows zulässt.</translation>
    </message>
    <message>
        <source>A service principal signs in with its tenant, its client ID and a client secret: enter all three.</source>
        <translation>Ein Dienstprinzipal meldet sich mit seinem Mandanten, seiner Client-ID und einem geheimen Clientschlüssel an: Geben Sie alle drei ein.</translation>
    </message>
    <message>
        <source>The Azure CLI (az) is not installed on this computer, or not on the PATH. Install it (https://aka.ms/installazurecli) and run “az login”, or sign in with a device code or a service principal instead.</source>
        <translation>Die Azure CLI (az) ist auf diesem Computer nicht installiert oder nicht im PATH. Installieren Sie sie (https://aka.ms/installazurecli) und führen Sie „az login“ aus, oder melden Sie sich stattdessen mit einem Gerätecode oder einem Dienstprinzipal an.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Anmeldung läuft…</translation>
    </message>
    <message>
        <source>The sign-in was stopped.</source>
        <translation>Die Anmeldung wurde abgebrochen.</translation>
    </message>
    <message>
        <source>service principal %1</source>
        <translation>Dienstprinzipal %1</translation>
    </message>
    <message>
        <source>the Azure CLI&apos;s account</source>
        <translation>das Konto der Azure CLI</translation>
    </message>
    <message>
        <source>the Azure CLI&apos;s account (tenant %1)</source>
        <translation>das Konto der Azure CLI (Mandant %1)</translation>
    </message>
    <message>
        <source>a device code sign-in</source>
        <translation>eine Anmeldung per Gerätecode</translation>
    </message>
    <message>
        <source>The client secret could not be kept in the keychain: %1</source>
        <translation>Der geheime Clientschlüssel konnte nicht im Schlüsselbund aufbewahrt werden: %1</translation>
    </message>
    <message>
        <source>Signed in as %1, but this account sees no subscription: deploying needs one (ask for the Contributor role on a subscription).</source>
        <translation>Angemeldet als %1, aber dieses Konto sieht kein Abonnement: Die Bereitstellung erfordert eines (bitten Sie um die Rolle „Mitwirkender“ für ein Abonnement).</translation>
    </message>
    <message numerus="yes">
        <source>Signed in as %1 (%n subscription(s) visible).</source>
        <translation>
            <numerusform>Angemeldet als %1 (%n Abonnement sichtbar).</numerusform>
            <numerusform>Angemeldet als %1 (%n Abonnements sichtbar).</numerusform>
        </translation>
    </message>
    <message>
        <source>The sign-in was stopped. Sign in again when you are ready.</source>
        <translation>Die Anmeldung wurde abgebrochen. Melden Sie sich erneut an, wenn Sie bereit sind.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::ThroughputChart</name>
    <message>
        <source>Received/s</source>
        <translation>Empfangen/s</translation>
    </message>
    <message>
        <source>Forwarded/s</source>
        <translation>Weitergeleitet/s</translation>
    </message>
    <message>
        <source>Latency p50 (ms)</source>
        <translation>Latenz p50 (ms)</translation>
    </message>
    <message>
        <source>Latency p99 (ms)</source>
        <translation>Latenz p99 (ms)</translation>
    </message>
    <message>
        <source>Uplinks/s</source>
        <translation>Uplinks/s</translation>
    </message>
    <message>
        <source>Latency (ms)</source>
        <translation>Latenz (ms)</translation>
    </message>
    <message>
        <source>Throughput and latency, last 10 minutes</source>
        <translation>Durchsatz und Latenz, letzte 10 Minuten</translation>
    </message>
</context>
<context>
    <name>TwinBridge::TlsStream</name>
    <message>
        <source>The host name %1 cannot be resolved (%2). Check the MQTT host in the profile and the network.</source>
        <translation>Der Hostname %1 kann nicht aufgelöst werden (%2). Prüfen Sie den MQTT-Hostnamen im Profil und das Netzwerk.</translation>
    </message>
    <message>
        <source>No socket could be opened (%1).</source>
        <translation>Es konnte kein Socket geöffnet werden (%1).</translation>
    </message>
    <message>
        <source>IoT Hub&apos;s MQTT endpoint %1:%2 cannot be reached (%3). Check the host and port in the profile and the network.</source>
        <translation>Der MQTT-Endpunkt %1:%2 von IoT Hub ist nicht erreichbar (%3). Prüfen Sie Hostname und Port im Profil sowie das Netzwerk.</translation>
    </message>
    <message>
        <source>The TLS connection to IoT Hub failed: %1. Check the CA certificate of the profile and that the MQTT host presents a certificate for %2.</source>
        <translation>Die TLS-Verbindung zu IoT Hub ist fehlgeschlagen: %1. Prüfen Sie das CA-Zertifikat des Profils und ob der MQTT-Host ein Zertifikat für %2 vorlegt.</translation>
    </message>
    <message>
        <source>IoT Hub closed the connection during the TLS handshake; it will be retried.</source>
        <translation>IoT Hub hat die Verbindung während des TLS-Handshakes geschlossen; der Verbindungsaufbau wird wiederholt.</translation>
    </message>
    <message>
        <source>The TLS handshake with IoT Hub failed: %1. Check the CA certificate of the profile and that the MQTT host presents a certificate for %2.</source>
        <translation>Der TLS-Handshake mit IoT Hub ist fehlgeschlagen: %1. Prüfen Sie das CA-Zertifikat des Profils und ob der MQTT-Host ein Zertifikat für %2 vorlegt.</translation>
    </message>
    <message>
        <source>The connection to IoT Hub failed (%1); it will be opened again.</source>
        <translation>Die Verbindung zu IoT Hub ist fehlgeschlagen (%1); sie wird erneut geöffnet.</translation>
    </message>
    <message>
        <source>The connection to IoT Hub failed while sending (%1); it will be opened again.</source>
        <translation>Die Verbindung zu IoT Hub ist beim Senden fehlgeschlagen (%1); sie wird erneut geöffnet.</translation>
    </message>
    <message>
        <source>unknown TLS error</source>
        <translation>unbekannter TLS-Fehler</translation>
    </message>
</context>
<context>
    <name>TwinBridge::TokenCredential</name>
    <message>
        <source>No scope was given for the Azure access token.</source>
        <translation>Für das Azure-Zugriffstoken wurde kein Bereich angegeben.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::TtsApplication</name>
    <message>
        <source>an application</source>
        <translation>eine Anwendung</translation>
    </message>
</context>
<context>
    <name>TwinBridge::TtsApplicationPage</name>
    <message>
        <source>The Things Stack application</source>
        <translation>Anwendung in The Things Stack</translation>
    </message>
    <message>
        <source>The application whose devices appear in the IoT hub, and an API key with the rights the integration needs.</source>
        <translation>Die Anwendung, deren Geräte im IoT Hub erscheinen, und ein API-Schlüssel mit den Rechten, die die Integration benötigt.</translation>
    </message>
    <message>
        <source>API base URL</source>
        <translation>API-Basis-URL</translation>
    </message>
    <message>
        <source>e.g. https://eu1.cloud.thethings.network/api/v3</source>
        <translation>z. B. https://eu1.cloud.thethings.network/api/v3</translation>
    </message>
    <message>
        <source>Application ID</source>
        <translation>Anwendungs-ID</translation>
    </message>
    <message>
        <source>Tenant ID</source>
        <translation>Mandanten-ID</translation>
    </message>
    <message>
        <source>“ttn” for The Things Network; empty for a single-tenant server</source>
        <translation>„ttn“ für The Things Network; leer bei einem Server mit nur einem Mandanten</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>API &amp;base URL:</source>
        <translation>API-&amp;Basis-URL:</translation>
    </message>
    <message>
        <source>Application &amp;ID:</source>
        <translation>Anwendungs-&amp;ID:</translation>
    </message>
    <message>
        <source>&amp;Tenant ID:</source>
        <translation>Mandan&amp;ten-ID:</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>API-Schlüss&amp;el:</translation>
    </message>
    <message>
        <source>Rights of the API key</source>
        <translation>Rechte des API-Schlüssels</translation>
    </message>
    <message>
        <source>Rights the API key needs</source>
        <translation>Rechte, die der API-Schlüssel benötigt</translation>
    </message>
    <message>
        <source>MQTT server</source>
        <translation>MQTT-Server</translation>
    </message>
    <message>
        <source>&amp;Continue anyway (the engine needs the MQTT server later)</source>
        <translation>Trotzdem f&amp;ortfahren (die Engine benötigt den MQTT-Server später)</translation>
    </message>
    <message>
        <source>Checking the API key</source>
        <translation>Prüfung des API-Schlüssels</translation>
    </message>
    <message>
        <source>Reachable: %1</source>
        <translation>Erreichbar: %1</translation>
    </message>
    <message>
        <source>Not reachable: %1</source>
        <translation>Nicht erreichbar: %1</translation>
    </message>
    <message>
        <source>Leave empty to keep the stored key</source>
        <translation>Leer lassen, um den gespeicherten Schlüssel zu behalten</translation>
    </message>
    <message>
        <source>Reading the stored API key…</source>
        <translation>Der gespeicherte API-Schlüssel wird gelesen…</translation>
    </message>
    <message>
        <source>The stored API key stays unless you type a new one.</source>
        <translation>Der gespeicherte API-Schlüssel bleibt, sofern Sie keinen neuen eingeben.</translation>
    </message>
    <message>
        <source>No API key could be read for this profile (%1). Enter one.</source>
        <translation>Für dieses Profil konnte kein API-Schlüssel gelesen werden (%1). Geben Sie einen ein.</translation>
    </message>
    <message>
        <source>Lets the key %1.</source>
        <translation>Damit kann der Schlüssel %1.</translation>
    </message>
    <message>
        <source> — not checked</source>
        <translation> — nicht geprüft</translation>
    </message>
    <message>
        <source> — granted</source>
        <translation> — gewährt</translation>
    </message>
    <message>
        <source> — missing</source>
        <translation> — fehlt</translation>
    </message>
    <message>
        <source>The key has every right needed.</source>
        <translation>Der Schlüssel hat alle nötigen Rechte.</translation>
    </message>
    <message>
        <source>Add the missing rights to the key in the TTS Console (application → API keys), or create a key that has them.</source>
        <translation>Fügen Sie dem Schlüssel die fehlenden Rechte in der TTS Console hinzu (Anwendung → API keys), oder erstellen Sie einen Schlüssel, der sie hat.</translation>
    </message>
    <message>
        <source>The API base URL is not usable: %1</source>
        <translation>Die API-Basis-URL ist nicht verwendbar: %1</translation>
    </message>
    <message>
        <source>Not checked: enter the API base URL first.</source>
        <translation>Nicht geprüft: Geben Sie zuerst die API-Basis-URL ein.</translation>
    </message>
    <message>
        <source>Enter the application ID as the TTS Console shows it (lower-case letters, digits and dashes).</source>
        <translation>Geben Sie die Anwendungs-ID so ein, wie die TTS Console sie anzeigt (Kleinbuchstaben, Ziffern und Bindestriche).</translation>
    </message>
    <message>
        <source>Not checked: enter the application ID first.</source>
        <translation>Nicht geprüft: Geben Sie zuerst die Anwendungs-ID ein.</translation>
    </message>
    <message>
        <source>Enter an API key of the application (TTS Console → application → API keys).</source>
        <translation>Geben Sie einen API-Schlüssel der Anwendung ein (TTS Console → Anwendung → API keys).</translation>
    </message>
    <message>
        <source>Not checked: enter the API key first.</source>
        <translation>Nicht geprüft: Geben Sie zuerst den API-Schlüssel ein.</translation>
    </message>
    <message>
        <source>Checking the API key&apos;s rights…</source>
        <translation>Die Rechte des API-Schlüssels werden geprüft…</translation>
    </message>
    <message>
        <source>This API key is invalid: The Things Stack does not know it (401). It may be mistyped, deleted, expired or from another cluster. Create a key in the TTS Console (application → API keys) and paste it here.</source>
        <translation>Dieser API-Schlüssel ist ungültig: The Things Stack kennt ihn nicht (401). Er ist vielleicht falsch eingegeben, gelöscht, abgelaufen oder stammt aus einem anderen Cluster. Erstellen Sie einen Schlüssel in der TTS Console (Anwendung → API keys) und fügen Sie ihn hier ein.</translation>
    </message>
    <message>
        <source>The key has no rights on the application “%1” (403): check the application ID and the tenant, or use a key of this application.</source>
        <translation>Der Schlüssel hat keine Rechte für die Anwendung „%1“ (403): Prüfen Sie die Anwendungs-ID und den Mandanten, oder verwenden Sie einen Schlüssel dieser Anwendung.</translation>
    </message>
    <message>
        <source>There is no application “%1” on this server (404). Check the application ID and the tenant.</source>
        <translation>Auf diesem Server gibt es keine Anwendung „%1“ (404). Prüfen Sie die Anwendungs-ID und den Mandanten.</translation>
    </message>
    <message>
        <source>Asking The Things Stack for its MQTT address…</source>
        <translation>The Things Stack wird nach seiner MQTT-Adresse gefragt…</translation>
    </message>
    <message>
        <source>The MQTT host or port is not usable. Check them on the Connections page.</source>
        <translation>MQTT-Host oder -Port sind nicht verwendbar. Prüfen Sie sie auf der Seite „Verbindungen“.</translation>
    </message>
    <message>
        <source>Checking %1:%2…</source>
        <translation>%1:%2 wird geprüft…</translation>
    </message>
</context>
<context>
    <name>TwinBridge::TtsApplicationSubscriber</name>
    <message>
        <source>The connection to The Things Stack is already running; stop it first.</source>
        <translation>Die Verbindung zu The Things Stack besteht bereits; beenden Sie sie zuerst.</translation>
    </message>
    <message>
        <source>The MQTT host of The Things Stack is not set. Enter it in the connection profile.</source>
        <translation>Der MQTT-Host von The Things Stack ist nicht festgelegt. Geben Sie ihn im Verbindungsprofil ein.</translation>
    </message>
    <message>
        <source>The MQTT port of The Things Stack is not set (use 8883 for TLS).</source>
        <translation>Der MQTT-Port von The Things Stack ist nicht festgelegt (für TLS: 8883).</translation>
    </message>
    <message>
        <source>The application ID &quot;%1&quot; is not a valid TTS ID: use 3 to 36 lower-case letters, digits and single dashes.</source>
        <translation>Die Anwendungs-ID „%1“ ist keine gültige TTS-ID: verwenden Sie 3 bis 36 Kleinbuchstaben, Ziffern und einzelne Bindestriche.</translation>
    </message>
    <message>
        <source>The tenant ID &quot;%1&quot; is not a valid TTS ID: use 3 to 36 lower-case letters, digits and single dashes, or leave it empty for The Things Stack Open Source.</source>
        <translation>Die Mandanten-ID „%1“ ist keine gültige TTS-ID: verwenden Sie 3 bis 36 Kleinbuchstaben, Ziffern und einzelne Bindestriche oder lassen Sie sie für The Things Stack Open Source leer.</translation>
    </message>
    <message>
        <source>The API key of the TTS application is missing. Store it in the connection profile; it needs the right to read application traffic.</source>
        <translation>Der API-Schlüssel der TTS-Anwendung fehlt. Speichern Sie ihn im Verbindungsprofil; er braucht das Recht, den Datenverkehr der Anwendung zu lesen.</translation>
    </message>
    <message>
        <source>The Things Stack refused a subscription of application &quot;%1&quot;: the API key needs the right to read application traffic (RIGHT_APPLICATION_TRAFFIC_READ).</source>
        <translation>The Things Stack hat ein MQTT-Abonnement der Anwendung „%1“ abgelehnt: der API-Schlüssel braucht das Recht, den Datenverkehr der Anwendung zu lesen (RIGHT_APPLICATION_TRAFFIC_READ).</translation>
    </message>
    <message>
        <source>subscribe to the TTS application&apos;s messages</source>
        <translation>Abonnieren der Nachrichten der TTS-Anwendung</translation>
    </message>
</context>
<context>
    <name>TwinBridge::TtsClient</name>
    <message>
        <source>The TTS application id &quot;%1&quot; is not valid: use the application&apos;s id as shown in the TTS Console (3 to 36 lower-case letters, digits and dashes).</source>
        <translation>Die TTS-Anwendungs-ID „%1“ ist ungültig: Verwenden Sie die ID der Anwendung, wie sie die TTS Console anzeigt (3 bis 36 Kleinbuchstaben, Ziffern und Bindestriche).</translation>
    </message>
    <message>
        <source>No TTS API key is configured. Create an API key for the application in the TTS Console and enter it in the connection profile.</source>
        <translation>Es ist kein TTS-API-Schlüssel eingerichtet. Erstellen Sie in der TTS Console einen API-Schlüssel für die Anwendung und geben Sie ihn im Verbindungsprofil ein.</translation>
    </message>
    <message>
        <source>The TTS API key contains spaces or other characters an API key cannot have. Copy the key again from the TTS Console.</source>
        <translation>Der TTS-API-Schlüssel enthält Leerzeichen oder andere Zeichen, die in einem API-Schlüssel nicht vorkommen können. Kopieren Sie den Schlüssel erneut aus der TTS Console.</translation>
    </message>
    <message>
        <source>The TTS address &quot;%1&quot; cannot be used: %2 Use the cluster&apos;s API address, e.g. https://eu1.cloud.thethings.network/api/v3.</source>
        <translation>Die TTS-Adresse „%1“ kann nicht verwendet werden: %2 Verwenden Sie die API-Adresse des Clusters, z. B. https://eu1.cloud.thethings.network/api/v3.</translation>
    </message>
    <message>
        <source>No TTS address is configured. Enter the cluster&apos;s API address, e.g. https://eu1.cloud.thethings.network/api/v3.</source>
        <translation>Es ist keine TTS-Adresse eingerichtet. Geben Sie die API-Adresse des Clusters ein, z. B. https://eu1.cloud.thethings.network/api/v3.</translation>
    </message>
    <message>
        <source>it is not a valid URL.</source>
        <translation>sie ist keine gültige URL.</translation>
    </message>
    <message>
        <source>it must start with https:// (or http:// for a local test server).</source>
        <translation>sie muss mit https:// beginnen (oder mit http:// für einen lokalen Testserver).</translation>
    </message>
    <message>
        <source>it has no host name.</source>
        <translation>sie enthält keinen Hostnamen.</translation>
    </message>
    <message>
        <source>it must not contain a user name or password; the API key is entered separately.</source>
        <translation>sie darf keinen Benutzernamen und kein Kennwort enthalten; der API-Schlüssel wird separat eingegeben.</translation>
    </message>
    <message>
        <source>it must not contain a query (?…) or fragment (#…).</source>
        <translation>sie darf keine Abfrage (?…) und kein Fragment (#…) enthalten.</translation>
    </message>
    <message>
        <source>its path must be empty or end in /api/v3.</source>
        <translation>ihr Pfad muss leer sein oder auf /api/v3 enden.</translation>
    </message>
    <message>
        <source>expected a JSON object</source>
        <translation>JSON-Objekt erwartet</translation>
    </message>
    <message>
        <source>invalid JSON: %1</source>
        <translation>ungültiges JSON: %1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid TTS device id: ids have 3 to 36 lower-case letters, digits and single dashes, starting and ending with a letter or digit.</source>
        <translation>„%1“ ist keine gültige TTS-Geräte-ID: IDs haben 3 bis 36 Kleinbuchstaben, Ziffern und einzelne Bindestriche und beginnen und enden mit einem Buchstaben oder einer Ziffer.</translation>
    </message>
    <message>
        <source>read TTS application &quot;%1&quot;</source>
        <translation>Lesen der TTS-Anwendung „%1“</translation>
    </message>
    <message>
        <source>read the API key&apos;s rights on TTS application &quot;%1&quot;</source>
        <translation>Lesen der Rechte des API-Schlüssels für die TTS-Anwendung „%1“</translation>
    </message>
    <message>
        <source>The page size must be between 1 and %1, not %2.</source>
        <translation>Die Seitengröße muss zwischen 1 und %1 liegen, nicht bei %2.</translation>
    </message>
    <message>
        <source>Pages are counted from 1, not %1.</source>
        <translation>Seiten werden ab 1 gezählt, nicht ab %1.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a field path TTS knows (e.g. name, version_ids.brand_id).</source>
        <translation>„%1“ ist kein Feldpfad, den TTS kennt (z. B. name, version_ids.brand_id).</translation>
    </message>
    <message>
        <source>Devices cannot be ordered by &quot;%1&quot;; use one of %2, optionally with a leading &quot;-&quot; for descending order.</source>
        <translation>Geräte können nicht nach „%1“ sortiert werden; verwenden Sie eines von %2, optional mit vorangestelltem „-“ für absteigende Reihenfolge.</translation>
    </message>
    <message>
        <source>&quot;end_devices&quot; is not a list</source>
        <translation>„end_devices“ ist keine Liste</translation>
    </message>
    <message>
        <source>end device %1 of the page is not a JSON object</source>
        <translation>Endgerät %1 der Seite ist kein JSON-Objekt</translation>
    </message>
    <message>
        <source>list the devices of TTS application &quot;%1&quot;</source>
        <translation>Auflisten der Geräte der TTS-Anwendung „%1“</translation>
    </message>
    <message>
        <source>search the devices of TTS application &quot;%1&quot;</source>
        <translation>Durchsuchen der Geräte der TTS-Anwendung „%1“</translation>
    </message>
    <message>
        <source>The search text for %1 is longer than %2 characters.</source>
        <translation>Der Suchtext für %1 ist länger als %2 Zeichen.</translation>
    </message>
    <message>
        <source>The search text for %1 must be hexadecimal digits.</source>
        <translation>Der Suchtext für %1 muss aus Hexadezimalziffern bestehen.</translation>
    </message>
    <message>
        <source>Search at most 10 attributes at once.</source>
        <translation>Suchen Sie nach höchstens 10 Attributen auf einmal.</translation>
    </message>
    <message>
        <source>The attribute search &quot;%1&quot; is not valid: attribute names are 3 to 36 lower-case letters, digits and dashes, values at most 50 characters.</source>
        <translation>Die Attributsuche „%1“ ist ungültig: Attributnamen bestehen aus 3 bis 36 Kleinbuchstaben, Ziffern und Bindestrichen, Werte aus höchstens 50 Zeichen.</translation>
    </message>
    <message>
        <source>read TTS device &quot;%1&quot;</source>
        <translation>Lesen des TTS-Geräts „%1“</translation>
    </message>
    <message>
        <source>The device &quot;%1&quot; does not exist in application &quot;%2&quot;: none of the Identity, Join, Network and Application Servers has it. Check the device id, or create the device first.</source>
        <translation>Das Gerät „%1“ existiert in der Anwendung „%2“ nicht: Keiner der Server (Identity, Join, Network und Application Server) hat es. Prüfen Sie die Geräte-ID oder erstellen Sie das Gerät zuerst.</translation>
    </message>
    <message>
        <source>create TTS device &quot;%1&quot;</source>
        <translation>Erstellen des TTS-Geräts „%1“</translation>
    </message>
    <message>
        <source>The device belongs to application &quot;%1&quot;, but this connection manages application &quot;%2&quot;.</source>
        <translation>Das Gerät gehört zur Anwendung „%1“, aber diese Verbindung verwaltet die Anwendung „%2“.</translation>
    </message>
    <message>
        <source>The %1 refused the device: %2</source>
        <translation>Der %1 hat das Gerät abgelehnt: %2</translation>
    </message>
    <message>
        <source>The %1 could not be reached: %2</source>
        <translation>Der %1 war nicht erreichbar: %2</translation>
    </message>
    <message>
        <source>Nothing was left behind: the device was removed again from the %1.</source>
        <translation>Es ist nichts zurückgeblieben: Das Gerät wurde wieder vom %1 entfernt.</translation>
    </message>
    <message>
        <source>Removing the parts already created failed too (%1), so the device remains in the %2. Delete the device (deleting is safe to repeat) before creating it again.</source>
        <translation>Auch das Entfernen der bereits angelegten Teile ist fehlgeschlagen (%1), daher verbleibt das Gerät auf dem %2. Löschen Sie das Gerät (das Löschen kann gefahrlos wiederholt werden), bevor Sie es erneut erstellen.</translation>
    </message>
    <message>
        <source>If the device now shows up in the TTS Console, the Identity Server created it before the connection failed; delete it there or from TwinBridge before trying again.</source>
        <translation>Wenn das Gerät jetzt in der TTS Console erscheint, hat der Identity Server es angelegt, bevor die Verbindung abbrach; löschen Sie es dort oder aus TwinBridge, bevor Sie es erneut versuchen.</translation>
    </message>
    <message>
        <source>delete TTS device &quot;%1&quot;</source>
        <translation>Löschen des TTS-Geräts „%1“</translation>
    </message>
    <message>
        <source>The %1 did not delete the device: %2</source>
        <translation>Der %1 hat das Gerät nicht gelöscht: %2</translation>
    </message>
    <message>
        <source>It is already gone from the %1 but remains in the %2. Deleting again is safe.</source>
        <translation>Vom %1 ist es bereits entfernt, auf dem %2 aber noch vorhanden. Erneutes Löschen ist gefahrlos möglich.</translation>
    </message>
    <message>
        <source>Nothing was deleted. Deleting again is safe.</source>
        <translation>Es wurde nichts gelöscht. Erneutes Löschen ist gefahrlos möglich.</translation>
    </message>
    <message>
        <source>replace the downlink queue of TTS device &quot;%1&quot;</source>
        <translation>Ersetzen der Downlink-Warteschlange des TTS-Geräts „%1“</translation>
    </message>
    <message>
        <source>schedule downlinks for TTS device &quot;%1&quot;</source>
        <translation>Einplanen von Downlinks für das TTS-Gerät „%1“</translation>
    </message>
    <message>
        <source>There is no downlink to schedule.</source>
        <translation>Es gibt keinen Downlink zum Einplanen.</translation>
    </message>
    <message>
        <source>read the downlink queue of TTS device &quot;%1&quot;</source>
        <translation>Lesen der Downlink-Warteschlange des TTS-Geräts „%1“</translation>
    </message>
    <message>
        <source>read the MQTT connection info of TTS application &quot;%1&quot;</source>
        <translation>Lesen der MQTT-Verbindungsdaten der TTS-Anwendung „%1“</translation>
    </message>
</context>
<context>
    <name>TwinBridge::TtsComponent</name>
    <message>
        <source>Identity Server</source>
        <translation>Identity Server</translation>
    </message>
    <message>
        <source>Join Server</source>
        <translation>Join Server</translation>
    </message>
    <message>
        <source>Network Server</source>
        <translation>Network Server</translation>
    </message>
    <message>
        <source>Application Server</source>
        <translation>Application Server</translation>
    </message>
</context>
<context>
    <name>TwinBridge::TtsConnectionTest</name>
    <message>
        <source>API address reachable</source>
        <translation>API-Adresse erreichbar</translation>
    </message>
    <message>
        <source>TLS certificate of the API</source>
        <translation>TLS-Zertifikat der API</translation>
    </message>
    <message>
        <source>API key accepted</source>
        <translation>API-Schlüssel akzeptiert</translation>
    </message>
    <message>
        <source>Application exists</source>
        <translation>Anwendung existiert</translation>
    </message>
    <message>
        <source>Right %1</source>
        <translation>Recht %1</translation>
    </message>
    <message>
        <source>MQTT server reachable</source>
        <translation>MQTT-Server erreichbar</translation>
    </message>
    <message>
        <source>MQTT login with the API key</source>
        <translation>MQTT-Anmeldung mit dem API-Schlüssel</translation>
    </message>
    <message>
        <source>The API address “%1” is not usable. Enter the cluster&apos;s address, e.g. https://eu1.cloud.thethings.network/api/v3.</source>
        <translation>Die API-Adresse „%1“ ist nicht verwendbar. Geben Sie die Adresse des Clusters ein, z. B. https://eu1.cloud.thethings.network/api/v3.</translation>
    </message>
    <message>
        <source>Not tried: the TLS settings are unusable.</source>
        <translation>Nicht versucht: Die TLS-Einstellungen sind unbrauchbar.</translation>
    </message>
    <message>
        <source>%1 answers on port %2.</source>
        <translation>%1 antwortet auf Port %2.</translation>
    </message>
    <message>
        <source>Plain HTTP to this computer (a local sandbox): there is no certificate to check.</source>
        <translation>Unverschlüsseltes HTTP zu diesem Computer (eine lokale Sandbox): Es gibt kein Zertifikat zu prüfen.</translation>
    </message>
    <message>
        <source>The API address uses plain HTTP, so the API key travels unencrypted. Use the https:// address of the cluster.</source>
        <translation>Die API-Adresse verwendet unverschlüsseltes HTTP, daher wird der API-Schlüssel unverschlüsselt übertragen. Verwenden Sie die https://-Adresse des Clusters.</translation>
    </message>
    <message>
        <source>Not checked: the API could not be reached.</source>
        <translation>Nicht geprüft: Die API war nicht erreichbar.</translation>
    </message>
    <message>
        <source>No TTS API key is stored in this profile. Create one in the TTS Console (application → API keys) and enter it on the Connections page.</source>
        <translation>In diesem Profil ist kein TTS-API-Schlüssel gespeichert. Erstellen Sie einen in der TTS Console (Anwendung → API keys) und geben Sie ihn auf der Seite „Verbindungen“ ein.</translation>
    </message>
    <message>
        <source>The Things Stack accepted the API key.</source>
        <translation>The Things Stack hat den API-Schlüssel akzeptiert.</translation>
    </message>
    <message>
        <source>The application “%1” exists.</source>
        <translation>Die Anwendung „%1“ existiert.</translation>
    </message>
    <message>
        <source>The application “%1” (%2) exists.</source>
        <translation>Die Anwendung „%1“ (%2) existiert.</translation>
    </message>
    <message>
        <source>Not checked: the application could not be read with this key.</source>
        <translation>Nicht geprüft: Die Anwendung konnte mit diesem Schlüssel nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The Things Stack does not accept this API key (401): it is mistyped, was deleted or expired, or belongs to another cluster. Create a new key in the TTS Console (application → API keys) and enter it here.</source>
        <translation>The Things Stack akzeptiert diesen API-Schlüssel nicht (401): Er ist falsch eingegeben, wurde gelöscht oder ist abgelaufen, oder er gehört zu einem anderen Cluster. Erstellen Sie einen neuen Schlüssel in der TTS Console (Anwendung → API keys) und geben Sie ihn hier ein.</translation>
    </message>
    <message>
        <source>The Things Stack knows the API key.</source>
        <translation>The Things Stack kennt den API-Schlüssel.</translation>
    </message>
    <message>
        <source>The key has no rights on the application “%1” (403): the application does not exist on this cluster or tenant, or the key belongs to another application. Check the application ID and the tenant ID.</source>
        <translation>Der Schlüssel hat keine Rechte für die Anwendung „%1“ (403): Die Anwendung existiert auf diesem Cluster oder Mandanten nicht, oder der Schlüssel gehört zu einer anderen Anwendung. Prüfen Sie die Anwendungs-ID und die Mandanten-ID.</translation>
    </message>
    <message>
        <source>There is no application “%1” on this cluster (404). Check the application ID and the tenant ID.</source>
        <translation>Auf diesem Cluster gibt es keine Anwendung „%1“ (404). Prüfen Sie die Anwendungs-ID und die Mandanten-ID.</translation>
    </message>
    <message>
        <source>Not checked: the key&apos;s rights could not be read: %1</source>
        <translation>Nicht geprüft: Die Rechte des Schlüssels konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Add the right to the API key in the TTS Console, or create a key that has it.</source>
        <translation>Fügen Sie dem API-Schlüssel das Recht in der TTS Console hinzu, oder erstellen Sie einen Schlüssel, der es hat.</translation>
    </message>
    <message>
        <source>Granted: lets TwinBridge %1.</source>
        <translation>Gewährt: Damit kann TwinBridge %1.</translation>
    </message>
    <message>
        <source>The profile&apos;s MQTT host or port is not usable. Check them on the Connections page.</source>
        <translation>MQTT-Host oder -Port des Profils sind nicht verwendbar. Prüfen Sie sie auf der Seite „Verbindungen“.</translation>
    </message>
    <message>
        <source>Not checked: the MQTT server could not be reached.</source>
        <translation>Nicht geprüft: Der MQTT-Server war nicht erreichbar.</translation>
    </message>
    <message>
        <source>Not checked: no API key is stored.</source>
        <translation>Nicht geprüft: Es ist kein API-Schlüssel gespeichert.</translation>
    </message>
    <message>
        <source>Logged in as “%1” with the API key.</source>
        <translation>Als „%1“ mit dem API-Schlüssel angemeldet.</translation>
    </message>
    <message>
        <source>The MQTT server refused the login of “%1” with this API key: the key lacks RIGHT_APPLICATION_TRAFFIC_READ, or the user name (application ID@tenant ID) is wrong.</source>
        <translation>Der MQTT-Server hat die Anmeldung von „%1“ mit diesem API-Schlüssel abgelehnt: Dem Schlüssel fehlt RIGHT_APPLICATION_TRAFFIC_READ, oder der Benutzername (Anwendungs-ID@Mandanten-ID) ist falsch.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::TtsDeviceTemplate</name>
    <message>
        <source>The twin tag %1 must be a string.</source>
        <translation>Das Zwillings-Tag %1 muss eine Zeichenkette sein.</translation>
    </message>
    <message>
        <source>The IoT Hub device id &quot;%1&quot; cannot be used as a The Things Stack end device id: use 3 to 36 lower-case letters, digits and single dashes, starting and ending with a letter or digit.</source>
        <translation>Die IoT-Hub-Geräte-ID „%1“ kann nicht als Endgeräte-ID in The Things Stack verwendet werden: Verwenden Sie 3 bis 36 Kleinbuchstaben, Ziffern und einzelne Bindestriche, beginnend und endend mit einem Buchstaben oder einer Ziffer.</translation>
    </message>
    <message>
        <source>The twin tag lorawan.devEui is missing; set it to the device&apos;s DevEUI (16 hexadecimal digits).</source>
        <translation>Das Zwillings-Tag lorawan.devEui fehlt; setzen Sie es auf die DevEUI des Geräts (16 Hexadezimalziffern).</translation>
    </message>
    <message>
        <source>The twin tag lorawan.devEui (&quot;%1&quot;) must be 16 hexadecimal digits (8 bytes), e.g. 0004A30B001C5838.</source>
        <translation>Das Zwillings-Tag lorawan.devEui („%1“) muss aus 16 Hexadezimalziffern (8 Bytes) bestehen, z. B. 0004A30B001C5838.</translation>
    </message>
    <message>
        <source>The twin tag lorawan.joinEui is missing; set it to the JoinEUI/AppEUI (16 hexadecimal digits, 0000000000000000 if the device has none).</source>
        <translation>Das Zwillings-Tag lorawan.joinEui fehlt; setzen Sie es auf die JoinEUI/AppEUI (16 Hexadezimalziffern, 0000000000000000, wenn das Gerät keine hat).</translation>
    </message>
    <message>
        <source>The twin tag lorawan.joinEui (&quot;%1&quot;) must be 16 hexadecimal digits (8 bytes), e.g. 800000000000000C.</source>
        <translation>Das Zwillings-Tag lorawan.joinEui („%1“) muss aus 16 Hexadezimalziffern (8 Bytes) bestehen, z. B. 800000000000000C.</translation>
    </message>
    <message>
        <source>The twin tag lorawan.lorawanVersion is missing; use one of %1.</source>
        <translation>Das Zwillings-Tag lorawan.lorawanVersion fehlt; verwenden Sie einen der Werte %1.</translation>
    </message>
    <message>
        <source>The twin tag lorawan.lorawanVersion (&quot;%1&quot;) is not a LoRaWAN version The Things Stack knows; use one of %2.</source>
        <translation>Das Zwillings-Tag lorawan.lorawanVersion („%1“) ist keine LoRaWAN-Version, die The Things Stack kennt; verwenden Sie einen der Werte %2.</translation>
    </message>
    <message>
        <source>The twin tag lorawan.regionalParametersVersion is missing; use one of %1.</source>
        <translation>Das Zwillings-Tag lorawan.regionalParametersVersion fehlt; verwenden Sie einen der Werte %1.</translation>
    </message>
    <message>
        <source>The twin tag lorawan.regionalParametersVersion (&quot;%1&quot;) is not a regional parameters version The Things Stack knows; use one of %2.</source>
        <translation>Das Zwillings-Tag lorawan.regionalParametersVersion („%1“) ist keine Version der regionalen Parameter, die The Things Stack kennt; verwenden Sie einen der Werte %2.</translation>
    </message>
    <message>
        <source>The twin tag lorawan.appKey is missing; set it to the device&apos;s AppKey (32 hexadecimal digits).</source>
        <translation>Das Zwillings-Tag lorawan.appKey fehlt; setzen Sie es auf den AppKey des Geräts (32 Hexadezimalziffern).</translation>
    </message>
    <message>
        <source>The twin tag lorawan.appKey must be 32 hexadecimal digits (16 bytes); the value has %1 characters or contains other characters.</source>
        <translation>Das Zwillings-Tag lorawan.appKey muss aus 32 Hexadezimalziffern (16 Bytes) bestehen; der Wert hat %1 Zeichen oder enthält andere Zeichen.</translation>
    </message>
    <message>
        <source>The twin tag lorawan.nwkKey is missing: LoRaWAN 1.1 devices need a NwkKey (32 hexadecimal digits) as well as the AppKey.</source>
        <translation>Das Zwillings-Tag lorawan.nwkKey fehlt: Geräte mit LoRaWAN 1.1 brauchen neben dem AppKey einen NwkKey (32 Hexadezimalziffern).</translation>
    </message>
    <message>
        <source>The twin tag lorawan.nwkKey is only used by LoRaWAN 1.1 devices, but lorawan.lorawanVersion is &quot;%1&quot;. Remove the NwkKey or correct the version.</source>
        <translation>Das Zwillings-Tag lorawan.nwkKey wird nur von Geräten mit LoRaWAN 1.1 verwendet, aber lorawan.lorawanVersion ist „%1“. Entfernen Sie den NwkKey oder korrigieren Sie die Version.</translation>
    </message>
    <message>
        <source>The twin tag lorawan.nwkKey must be 32 hexadecimal digits (16 bytes); the value has %1 characters or contains other characters.</source>
        <translation>Das Zwillings-Tag lorawan.nwkKey muss aus 32 Hexadezimalziffern (16 Bytes) bestehen; der Wert hat %1 Zeichen oder enthält andere Zeichen.</translation>
    </message>
    <message>
        <source>The twin tag lorawan.frequencyPlanId is missing; set it to the frequency plan, e.g. EU_863_870_TTN or US_902_928_FSB_2.</source>
        <translation>Das Zwillings-Tag lorawan.frequencyPlanId fehlt; setzen Sie es auf den Frequenzplan, z. B. EU_863_870_TTN oder US_902_928_FSB_2.</translation>
    </message>
    <message>
        <source>The twin tag lorawan.frequencyPlanId (&quot;%1&quot;) is not a frequency plan id; use one like EU_863_870_TTN or US_902_928_FSB_2.</source>
        <translation>Das Zwillings-Tag lorawan.frequencyPlanId („%1“) ist keine Frequenzplan-ID; verwenden Sie eine wie EU_863_870_TTN oder US_902_928_FSB_2.</translation>
    </message>
    <message>
        <source>The twin tag lorawan.versionIdentifiers must be an object.</source>
        <translation>Das Zwillings-Tag lorawan.versionIdentifiers muss ein Objekt sein.</translation>
    </message>
    <message>
        <source>The twin tag %1 (&quot;%2&quot;) must be a Device Repository id: 3 to 36 lower-case letters, digits and single dashes, e.g. the-things-products.</source>
        <translation>Das Zwillings-Tag %1 („%2“) muss eine Device-Repository-ID sein: 3 bis 36 Kleinbuchstaben, Ziffern und einzelne Bindestriche, z. B. the-things-products.</translation>
    </message>
    <message>
        <source>The twin tag %1 is longer than 32 characters.</source>
        <translation>Das Zwillings-Tag %1 ist länger als 32 Zeichen.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::TtsDownlink</name>
    <message>
        <source>The downlink needs an FPort between %1 and %2 (or a decoded payload for the device&apos;s formatter to encode).</source>
        <translation>Der Downlink braucht einen FPort zwischen %1 und %2 (oder eine dekodierte Nutzlast, die der Formatter des Geräts kodiert).</translation>
    </message>
    <message>
        <source>FPort %1 is not allowed: application downlinks use ports %2 to %3.</source>
        <translation>FPort %1 ist nicht erlaubt: Anwendungs-Downlinks verwenden die Ports %2 bis %3.</translation>
    </message>
    <message>
        <source>The payload has %1 bytes; a LoRaWAN downlink carries at most %2 (and fewer at slow data rates).</source>
        <translation>Die Nutzlast hat %1 Bytes; ein LoRaWAN-Downlink trägt höchstens %2 (bei langsamen Datenraten weniger).</translation>
    </message>
    <message>
        <source>The priority &quot;%1&quot; is unknown; use one of %2.</source>
        <translation>Die Priorität „%1“ ist unbekannt; verwenden Sie eine von %2.</translation>
    </message>
    <message>
        <source>A correlation id is longer than 100 characters.</source>
        <translation>Eine Korrelations-ID ist länger als 100 Zeichen.</translation>
    </message>
    <message>
        <source>must be a list.</source>
        <translation>muss eine Liste sein.</translation>
    </message>
    <message>
        <source>must be a JSON object.</source>
        <translation>muss ein JSON-Objekt sein.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::TtsEndDevice</name>
    <message>
        <source>an end device</source>
        <translation>ein Endgerät</translation>
    </message>
    <message>
        <source>The device id &quot;%1&quot; is not valid in The Things Stack: use 3 to 36 lower-case letters, digits and single dashes, starting and ending with a letter or digit.</source>
        <translation>Die Geräte-ID „%1“ ist in The Things Stack ungültig: Verwenden Sie 3 bis 36 Kleinbuchstaben, Ziffern und einzelne Bindestriche, beginnend und endend mit einem Buchstaben oder einer Ziffer.</translation>
    </message>
    <message>
        <source>The DevEUI of device &quot;%1&quot; must be 16 hexadecimal digits (8 bytes).</source>
        <translation>Die DevEUI des Geräts „%1“ muss aus 16 Hexadezimalziffern (8 Bytes) bestehen.</translation>
    </message>
    <message>
        <source>The JoinEUI (AppEUI) of device &quot;%1&quot; must be 16 hexadecimal digits (8 bytes); use 0000000000000000 if the device has none.</source>
        <translation>Die JoinEUI (AppEUI) des Geräts „%1“ muss aus 16 Hexadezimalziffern (8 Bytes) bestehen; verwenden Sie 0000000000000000, wenn das Gerät keine hat.</translation>
    </message>
    <message>
        <source>Device &quot;%1&quot; needs a frequency plan id, e.g. EU_863_870_TTN or US_902_928_FSB_2.</source>
        <translation>Das Gerät „%1“ braucht eine Frequenzplan-ID, z. B. EU_863_870_TTN oder US_902_928_FSB_2.</translation>
    </message>
    <message>
        <source>Device &quot;%1&quot; has no known LoRaWAN version; use one of %2.</source>
        <translation>Das Gerät „%1“ hat keine bekannte LoRaWAN-Version; verwenden Sie einen der Werte %2.</translation>
    </message>
    <message>
        <source>Device &quot;%1&quot; has no known regional parameters version; use one of %2.</source>
        <translation>Das Gerät „%1“ hat keine bekannte Version der regionalen Parameter; verwenden Sie einen der Werte %2.</translation>
    </message>
    <message>
        <source>Device &quot;%1&quot; is not an OTAA device; TwinBridge creates only devices that join over the air.</source>
        <translation>Das Gerät „%1“ ist kein OTAA-Gerät; TwinBridge erstellt nur Geräte mit Over-the-Air-Aktivierung.</translation>
    </message>
    <message>
        <source>The AppKey of device &quot;%1&quot; must be 32 hexadecimal digits (16 bytes).</source>
        <translation>Der AppKey des Geräts „%1“ muss aus 32 Hexadezimalziffern (16 Bytes) bestehen.</translation>
    </message>
    <message>
        <source>Device &quot;%1&quot; uses LoRaWAN 1.1, which needs a NwkKey as well as the AppKey.</source>
        <translation>Das Gerät „%1“ verwendet LoRaWAN 1.1 und braucht daher neben dem AppKey einen NwkKey.</translation>
    </message>
    <message>
        <source>The NwkKey of device &quot;%1&quot; must be 32 hexadecimal digits (16 bytes).</source>
        <translation>Der NwkKey des Geräts „%1“ muss aus 32 Hexadezimalziffern (16 Bytes) bestehen.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::TtsError</name>
    <message>
        <source>no details given</source>
        <translation>keine Details angegeben</translation>
    </message>
    <message>
        <source>The Things Stack rejected the field &quot;%1&quot;: %2. Correct it and try again.</source>
        <translation>The Things Stack hat das Feld „%1“ abgelehnt: %2. Korrigieren Sie es und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The Things Stack rejected the request as invalid: %1. Correct the input and try again.</source>
        <translation>The Things Stack hat die Anfrage als ungültig abgelehnt: %1. Korrigieren Sie die Eingabe und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The Things Stack did not accept the API key (%1): it is wrong, has expired or was deleted. Create a new API key for application &quot;%2&quot; in the TTS Console and enter it in the connection profile.</source>
        <translation>The Things Stack hat den API-Schlüssel nicht akzeptiert (%1): Er ist falsch, abgelaufen oder wurde gelöscht. Erstellen Sie in der TTS Console einen neuen API-Schlüssel für die Anwendung „%2“ und geben Sie ihn im Verbindungsprofil ein.</translation>
    </message>
    <message>
        <source>The API key lacks %1, which this needs. Add the right to the key in the TTS Console (your application → API keys) or create a new key that has it.</source>
        <translation>Dem API-Schlüssel fehlt das hierfür nötige Recht %1. Fügen Sie das Recht in der TTS Console (Ihre Anwendung → API keys) zum Schlüssel hinzu oder erstellen Sie einen neuen Schlüssel, der es hat.</translation>
    </message>
    <message>
        <source>The API key has no rights on application &quot;%1&quot;: it belongs to another application or user, or it was revoked. Use a key created for this application.</source>
        <translation>Der API-Schlüssel hat keine Rechte für die Anwendung „%1“: Er gehört zu einer anderen Anwendung oder einem anderen Benutzer oder wurde widerrufen. Verwenden Sie einen Schlüssel, der für diese Anwendung erstellt wurde.</translation>
    </message>
    <message>
        <source>The API key is not allowed to do this (%1). It needs %2; add the missing right to the key in the TTS Console (your application → API keys) or create a new key that has it.</source>
        <translation>Der API-Schlüssel darf das nicht (%1). Er braucht %2; fügen Sie das fehlende Recht in der TTS Console (Ihre Anwendung → API keys) zum Schlüssel hinzu oder erstellen Sie einen neuen Schlüssel, der es hat.</translation>
    </message>
    <message>
        <source>The API key is not allowed to do this (%1). Check the key&apos;s rights in the TTS Console (your application → API keys).</source>
        <translation>Der API-Schlüssel darf das nicht (%1). Prüfen Sie die Rechte des Schlüssels in der TTS Console (Ihre Anwendung → API keys).</translation>
    </message>
    <message>
        <source>The address answered &quot;not found&quot; with a page that is not from The Things Stack API. Check that the cluster address ends in /api/v3, e.g. https://eu1.cloud.thethings.network/api/v3.</source>
        <translation>Die Adresse hat mit „nicht gefunden“ und einer Seite geantwortet, die nicht von der API von The Things Stack stammt. Prüfen Sie, ob die Cluster-Adresse auf /api/v3 endet, z. B. https://eu1.cloud.thethings.network/api/v3.</translation>
    </message>
    <message>
        <source>The device &quot;%1&quot; does not exist in application &quot;%2&quot; on the %3. Check the device id, or create the device first.</source>
        <translation>Das Gerät „%1“ existiert in der Anwendung „%2“ auf dem %3 nicht. Prüfen Sie die Geräte-ID oder erstellen Sie das Gerät zuerst.</translation>
    </message>
    <message>
        <source>The device &quot;%1&quot; does not exist in application &quot;%2&quot;. Check the device id, or create the device first.</source>
        <translation>Das Gerät „%1“ existiert in der Anwendung „%2“ nicht. Prüfen Sie die Geräte-ID oder erstellen Sie das Gerät zuerst.</translation>
    </message>
    <message>
        <source>Application &quot;%1&quot; does not exist on this The Things Stack cluster, or the API key cannot see it. Check the application id and the cluster address.</source>
        <translation>Die Anwendung „%1“ existiert auf diesem Cluster von The Things Stack nicht oder der API-Schlüssel kann sie nicht sehen. Prüfen Sie die Anwendungs-ID und die Cluster-Adresse.</translation>
    </message>
    <message>
        <source>An end device with JoinEUI %1 and DevEUI %2 is already registered as &quot;%3&quot; in application &quot;%4&quot;. </source>
        <translation>Ein Endgerät mit JoinEUI %1 und DevEUI %2 ist bereits als „%3“ in der Anwendung „%4“ registriert. </translation>
    </message>
    <message>
        <source>The Things Stack</source>
        <translation>The Things Stack</translation>
    </message>
    <message>
        <source>The %1</source>
        <translation>Der %1</translation>
    </message>
    <message>
        <source>%1 reports a conflict (%2): the DevEUI/JoinEUI or the device id is already registered — possibly left behind in the Join, Network or Application Server by an incomplete delete. Delete the leftover device (deleting from TwinBridge removes it from every registry) or use other identifiers, then try again.</source>
        <translation>%1 meldet einen Konflikt (%2): DevEUI/JoinEUI oder Geräte-ID sind bereits registriert – vielleicht als Überbleibsel eines unvollständigen Löschvorgangs auf dem Join, Network oder Application Server. Löschen Sie das übrig gebliebene Gerät (Löschen aus TwinBridge entfernt es aus jeder Registrierung) oder verwenden Sie andere Kennungen und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>The Things Stack refused the change because a precondition failed (%1). Reload the data and try again.</source>
        <translation>The Things Stack hat die Änderung abgelehnt, weil eine Vorbedingung nicht erfüllt war (%1). Laden Sie die Daten neu und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The Things Stack is rate limiting this API key (%1); TwinBridge retried and gave up. Wait a minute, then try again or lower the request rate.</source>
        <translation>The Things Stack begrenzt die Anfragerate dieses API-Schlüssels (%1); TwinBridge hat es mehrfach versucht und aufgegeben. Warten Sie eine Minute und versuchen Sie es dann erneut oder senken Sie die Anfragerate.</translation>
    </message>
    <message>
        <source>This The Things Stack deployment does not offer this function (%1). Use another way to get the same result, e.g. list the devices instead of searching them.</source>
        <translation>Diese Installation von The Things Stack bietet diese Funktion nicht (%1). Erreichen Sie das Ergebnis auf anderem Weg, z. B. indem Sie die Geräte auflisten, statt sie zu durchsuchen.</translation>
    </message>
    <message>
        <source>The Things Stack is temporarily unavailable (%1). Try again in a few minutes.</source>
        <translation>The Things Stack ist vorübergehend nicht verfügbar (%1). Versuchen Sie es in einigen Minuten erneut.</translation>
    </message>
    <message>
        <source>The Things Stack had an internal problem (%1). Try again later; if it keeps failing, contact your TTS operator.</source>
        <translation>In The Things Stack ist ein internes Problem aufgetreten (%1). Versuchen Sie es später erneut; schlägt es weiterhin fehl, wenden Sie sich an den Betreiber Ihrer TTS-Installation.</translation>
    </message>
    <message>
        <source>The Things Stack had an internal problem (%1). Try again later; if it keeps failing, give the correlation id %2 to your TTS operator.</source>
        <translation>In The Things Stack ist ein internes Problem aufgetreten (%1). Versuchen Sie es später erneut; schlägt es weiterhin fehl, nennen Sie dem Betreiber Ihrer TTS-Installation die Korrelations-ID %2.</translation>
    </message>
    <message>
        <source>The Things Stack answered with HTTP %1 (%2).</source>
        <translation>The Things Stack hat mit HTTP %1 geantwortet (%2).</translation>
    </message>
    <message>
        <source>The Things Stack sent %1 that TwinBridge cannot read. Check that the address points at a The Things Stack API (…/api/v3) and that TwinBridge supports its version.</source>
        <translation>The Things Stack hat %1 in einer Form gesendet, die TwinBridge nicht lesen kann. Prüfen Sie, ob die Adresse auf eine API von The Things Stack zeigt (…/api/v3) und ob TwinBridge deren Version unterstützt.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::TtsMessageType</name>
    <message>
        <source>Uplink message</source>
        <translation>Uplink-Nachricht</translation>
    </message>
    <message>
        <source>Join accept</source>
        <translation>Join-Accept</translation>
    </message>
    <message>
        <source>Downlink ack</source>
        <translation>Downlink-ACK</translation>
    </message>
    <message>
        <source>Downlink nack</source>
        <translation>Downlink-NACK</translation>
    </message>
    <message>
        <source>Downlink sent</source>
        <translation>Downlink gesendet</translation>
    </message>
    <message>
        <source>Downlink failed</source>
        <translation>Downlink fehlgeschlagen</translation>
    </message>
    <message>
        <source>Downlink queued</source>
        <translation>Downlink eingereiht</translation>
    </message>
    <message>
        <source>Downlink queue invalidated</source>
        <translation>Downlink-Warteschlange ungültig</translation>
    </message>
    <message>
        <source>Location solved</source>
        <translation>Position bestimmt</translation>
    </message>
    <message>
        <source>Service data</source>
        <translation>Dienstdaten</translation>
    </message>
</context>
<context>
    <name>TwinBridge::TtsMqttConnectionInfo</name>
    <message>
        <source>MQTT connection info</source>
        <translation>MQTT-Verbindungsdaten</translation>
    </message>
</context>
<context>
    <name>TwinBridge::TtsRights</name>
    <message>
        <source>a rights list</source>
        <translation>eine Rechteliste</translation>
    </message>
    <message>
        <source>view the application&apos;s information</source>
        <translation>die Informationen der Anwendung ansehen</translation>
    </message>
    <message>
        <source>edit the application&apos;s basic settings</source>
        <translation>die Grundeinstellungen der Anwendung bearbeiten</translation>
    </message>
    <message>
        <source>manage the application&apos;s API keys</source>
        <translation>die API-Schlüssel der Anwendung verwalten</translation>
    </message>
    <message>
        <source>manage the application&apos;s collaborators</source>
        <translation>die Mitwirkenden der Anwendung verwalten</translation>
    </message>
    <message>
        <source>manage application packages and integrations</source>
        <translation>Anwendungspakete und Integrationen verwalten</translation>
    </message>
    <message>
        <source>delete the application</source>
        <translation>die Anwendung löschen</translation>
    </message>
    <message>
        <source>view devices</source>
        <translation>Geräte ansehen</translation>
    </message>
    <message>
        <source>create, edit and delete devices</source>
        <translation>Geräte erstellen, bearbeiten und löschen</translation>
    </message>
    <message>
        <source>view device root keys</source>
        <translation>Root-Schlüssel von Geräten ansehen</translation>
    </message>
    <message>
        <source>set device root keys</source>
        <translation>Root-Schlüssel von Geräten setzen</translation>
    </message>
    <message>
        <source>read uplinks and events</source>
        <translation>Uplinks und Ereignisse lesen</translation>
    </message>
    <message>
        <source>write uplinks</source>
        <translation>Uplinks schreiben</translation>
    </message>
    <message>
        <source>schedule downlinks</source>
        <translation>Downlinks einplanen</translation>
    </message>
    <message>
        <source>link to the application as an Application Server</source>
        <translation>sich als Application Server mit der Anwendung verbinden</translation>
    </message>
    <message>
        <source>do everything with the application</source>
        <translation>alles mit der Anwendung tun</translation>
    </message>
    <message>
        <source>do everything</source>
        <translation>alles tun</translation>
    </message>
    <message>
        <source>reading the application&apos;s information</source>
        <translation>das Lesen der Anwendungsinformationen</translation>
    </message>
    <message>
        <source>reading devices</source>
        <translation>das Lesen von Geräten</translation>
    </message>
    <message>
        <source>creating and deleting devices (with their root keys)</source>
        <translation>das Erstellen und Löschen von Geräten (mit ihren Root-Schlüsseln)</translation>
    </message>
    <message>
        <source>reading device root keys</source>
        <translation>das Lesen der Root-Schlüssel von Geräten</translation>
    </message>
    <message>
        <source>receiving uplinks and events over MQTT</source>
        <translation>das Empfangen von Uplinks und Ereignissen über MQTT</translation>
    </message>
    <message>
        <source>scheduling downlinks</source>
        <translation>das Einplanen von Downlinks</translation>
    </message>
    <message>
        <source>managing application packages</source>
        <translation>die Verwaltung von Anwendungspaketen</translation>
    </message>
    <message>
        <source>the Azure IoT Hub integration</source>
        <translation>die Azure-IoT-Hub-Integration</translation>
    </message>
    <message>
        <source>%1 is missing: it lets the key %2, which %3 needs.</source>
        <translation>%1 fehlt: Damit kann der Schlüssel %2, was für %3 nötig ist.</translation>
    </message>
    <message numerus="yes">
        <source>The API key lacks %n right(s) needed for %1: %2. %3 Add them to the key in the TTS Console (your application → API keys) or create a new key that has them.</source>
        <translation>
            <numerusform>Dem API-Schlüssel fehlt %n Recht, das für %1 nötig ist: %2. %3 Fügen Sie es in der TTS Console (Ihre Anwendung → API keys) zum Schlüssel hinzu oder erstellen Sie einen neuen Schlüssel, der es hat.</numerusform>
            <numerusform>Dem API-Schlüssel fehlen %n Rechte, die für %1 nötig sind: %2. %3 Fügen Sie sie in der TTS Console (Ihre Anwendung → API keys) zum Schlüssel hinzu oder erstellen Sie einen neuen Schlüssel, der sie hat.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TwinBridge::TtsTopic</name>
    <message>
        <source>The MQTT topic &quot;%1&quot; is not a The Things Stack application topic: %2</source>
        <translation>Das MQTT-Topic „%1“ ist kein Anwendungs-Topic von The Things Stack: %2</translation>
    </message>
    <message>
        <source>it must have the form v3/{application}@{tenant}/devices/{device}/{event}.</source>
        <translation>es muss die Form v3/{application}@{tenant}/devices/{device}/{event} haben.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid application id (3–36 lower-case letters, digits and single dashes).</source>
        <translation>„%1“ ist keine gültige Anwendungs-ID (3–36 Kleinbuchstaben, Ziffern und einzelne Bindestriche).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid tenant id (3–36 lower-case letters, digits and single dashes).</source>
        <translation>„%1“ ist keine gültige Mandanten-ID (3–36 Kleinbuchstaben, Ziffern und einzelne Bindestriche).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid device id (3–36 lower-case letters, digits and single dashes).</source>
        <translation>„%1“ ist keine gültige Geräte-ID (3–36 Kleinbuchstaben, Ziffern und einzelne Bindestriche).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an event TTS publishes or accepts (up, join, down/…, location/solved, service/data).</source>
        <translation>„%1“ ist kein Ereignis, das TTS veröffentlicht oder annimmt (up, join, down/…, location/solved, service/data).</translation>
    </message>
</context>
<context>
    <name>TwinBridge::TwinConflictDialog</name>
    <message>
        <source>Twin changed on the hub</source>
        <translation>Zwilling im Hub geändert</translation>
    </message>
    <message>
        <source>Someone changed the twin of %1 since you opened it (desired $version is now %2), so your patch was not sent. Compare both, then re-apply your changes on the current twin (you review the result before sending it) or discard yours.</source>
        <translation>Jemand hat den Zwilling von %1 geändert, seit Sie ihn geöffnet haben (gewünschte $version ist jetzt %2), daher wurde Ihr Patch nicht gesendet. Vergleichen Sie beide Stände und wenden Sie dann Ihre Änderungen erneut auf den aktuellen Zwilling an (Sie prüfen das Ergebnis vor dem Senden), oder verwerfen Sie Ihre Änderungen.</translation>
    </message>
    <message>
        <source>Theirs: on the hub now</source>
        <translation>Fremder Stand: jetzt im Hub</translation>
    </message>
    <message>
        <source>Mine: the patch that was not sent</source>
        <translation>Eigener Stand: der nicht gesendete Patch</translation>
    </message>
    <message>
        <source>Mine re-applied on theirs</source>
        <translation>Eigene Änderungen, erneut auf den fremden Stand angewendet</translation>
    </message>
    <message>
        <source>&amp;Re-apply my changes on theirs</source>
        <translation>Eigene Änderungen auf den fremden Stand &amp;erneut anwenden</translation>
    </message>
    <message>
        <source>&amp;Discard mine</source>
        <translation>Eigene Änderungen &amp;verwerfen</translation>
    </message>
</context>
<context>
    <name>TwinBridge::TwinDocument</name>
    <message>
        <source>Line %1, column %2: %3</source>
        <translation>Zeile %1, Spalte %2: %3</translation>
    </message>
    <message>
        <source>the text is not valid JSON (%1). Check the brackets, quotes and commas around this place.</source>
        <translation>der Text ist kein gültiges JSON (%1). Prüfen Sie die Klammern, Anführungszeichen und Kommas an dieser Stelle.</translation>
    </message>
    <message>
        <source>the section must be one JSON object in braces, like {&quot;name&quot;: &quot;value&quot;}.</source>
        <translation>der Abschnitt muss ein einzelnes JSON-Objekt in geschweiften Klammern sein, etwa {&quot;name&quot;: &quot;value&quot;}.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::TwinPage</name>
    <message>
        <source>&amp;Device:</source>
        <translation>&amp;Gerät:</translation>
    </message>
    <message>
        <source>device id</source>
        <translation>Geräte-ID</translation>
    </message>
    <message>
        <source>The IoT Hub device id (Ctrl+L)</source>
        <translation>Die Geräte-ID in IoT Hub (Strg+L)</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Read the twin of this device (Enter)</source>
        <translation>Den Zwilling dieses Geräts lesen (Eingabetaste)</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Read the twin again (F5); unsaved edits are kept</source>
        <translation>Den Zwilling erneut lesen (F5); ungespeicherte Änderungen bleiben erhalten</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>While no engine runs in the console, read the twin again this often</source>
        <translation>Solange in der Konsole keine Engine läuft, den Zwilling in diesem Abstand erneut lesen</translation>
    </message>
    <message>
        <source>Refresh every</source>
        <translation>Aktualisieren alle</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Desired properties</source>
        <translation>Gewünschte Eigenschaften</translation>
    </message>
    <message>
        <source>Reported properties (read-only)</source>
        <translation>Gemeldete Eigenschaften (schreibgeschützt)</translation>
    </message>
    <message>
        <source>&amp;Patch preview</source>
        <translation>&amp;Patch-Vorschau</translation>
    </message>
    <message>
        <source>&amp;Raw downlink</source>
        <translation>&amp;Roher Downlink</translation>
    </message>
    <message>
        <source>Decoded pa&amp;yload</source>
        <translation>Dekodierte Nutz&amp;last</translation>
    </message>
    <message>
        <source>Rever&amp;t</source>
        <translation>&amp;Zurücksetzen</translation>
    </message>
    <message>
        <source>Drop your edits and show the twin as read</source>
        <translation>Ihre Änderungen verwerfen und den Zwilling wie gelesen anzeigen</translation>
    </message>
    <message>
        <source>&amp;Send patch</source>
        <translation>Patch se&amp;nden</translation>
    </message>
    <message>
        <source>PATCH the twin with the preview&apos;s merge patch, if nobody changed it meanwhile (Ctrl+Return)</source>
        <translation>Den Zwilling per PATCH mit dem Merge-Patch aus der Vorschau ändern, sofern ihn inzwischen niemand geändert hat (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>No IoT Hub connection is open. Choose a profile with IoT Hub settings on the Connections page.</source>
        <translation>Es ist keine IoT-Hub-Verbindung offen. Wählen Sie auf der Seite „Verbindungen“ ein Profil mit IoT-Hub-Einstellungen.</translation>
    </message>
    <message>
        <source>Reading the twin of %1…</source>
        <translation>Der Zwilling von %1 wird gelesen…</translation>
    </message>
    <message>
        <source>Desired $version %1 · reported $version %2 · etag %3</source>
        <translation>Gewünschte $version %1 · gemeldete $version %2 · ETag %3</translation>
    </message>
    <message>
        <source>Live from the engine&apos;s events.</source>
        <translation>Live aus den Ereignissen der Engine.</translation>
    </message>
    <message>
        <source>No engine runs in the console: refreshed by reading the twin.</source>
        <translation>In der Konsole läuft keine Engine: Aktualisierung durch Lesen des Zwillings.</translation>
    </message>
    <message>
        <source>Open a device to edit its twin.</source>
        <translation>Öffnen Sie ein Gerät, um seinen Zwilling zu bearbeiten.</translation>
    </message>
    <message>
        <source>Fix the marked problem first; nothing can be sent while it remains.</source>
        <translation>Beheben Sie zuerst das markierte Problem; solange es besteht, kann nichts gesendet werden.</translation>
    </message>
    <message>
        <source>No changes: edit tags or desired properties to build a patch.</source>
        <translation>Keine Änderungen: Bearbeiten Sie Tags oder gewünschte Eigenschaften, um einen Patch zu erstellen.</translation>
    </message>
    <message>
        <source>Open a device first.</source>
        <translation>Öffnen Sie zuerst ein Gerät.</translation>
    </message>
    <message>
        <source>The desired properties have a problem to fix before a helper can write into them.</source>
        <translation>Die gewünschten Eigenschaften enthalten ein Problem, das behoben werden muss, bevor ein Helfer in sie schreiben kann.</translation>
    </message>
    <message>
        <source>Sending the patch to the twin of %1…</source>
        <translation>Der Patch wird an den Zwilling von %1 gesendet…</translation>
    </message>
    <message>
        <source>Twin of %1 updated: desired $version %2.</source>
        <translation>Zwilling von %1 aktualisiert: gewünschte $version %2.</translation>
    </message>
    <message>
        <source>The twin changed on the hub since you read it, and its current state could not be read. Press Refresh (your edits stay), then send again.</source>
        <translation>Der Zwilling wurde im Hub geändert, seit Sie ihn gelesen haben, und sein aktueller Stand konnte nicht gelesen werden. Klicken Sie auf „Aktualisieren“ (Ihre Änderungen bleiben erhalten) und senden Sie dann erneut.</translation>
    </message>
    <message>
        <source>Your changes were re-applied on the current twin. Check the patch preview, then send again.</source>
        <translation>Ihre Änderungen wurden erneut auf den aktuellen Zwilling angewendet. Prüfen Sie die Patch-Vorschau und senden Sie dann erneut.</translation>
    </message>
    <message>
        <source>Your changes were discarded; the editor shows the current twin.</source>
        <translation>Ihre Änderungen wurden verworfen; der Editor zeigt den aktuellen Zwilling.</translation>
    </message>
    <message>
        <source>Not sent: the twin changed on the hub. Re-apply or refresh before sending.</source>
        <translation>Nicht gesendet: Der Zwilling wurde im Hub geändert. Wenden Sie Ihre Änderungen erneut an oder aktualisieren Sie, bevor Sie senden.</translation>
    </message>
    <message>
        <source>The twin of %1 changed on the hub; choose how to continue.</source>
        <translation>Der Zwilling von %1 wurde im Hub geändert; wählen Sie, wie es weitergehen soll.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::TwinRules</name>
    <message>
        <source>objects are nested more than %1 levels deep; IoT Hub allows at most %1.</source>
        <translation>Objekte sind tiefer als %1 Ebenen verschachtelt; IoT Hub erlaubt höchstens %1.</translation>
    </message>
    <message>
        <source>the whole number %1 is out of range; IoT Hub stores whole numbers from %2 to %3. Send larger numbers as strings.</source>
        <translation>die ganze Zahl %1 liegt außerhalb des gültigen Bereichs; IoT Hub speichert ganze Zahlen von %2 bis %3. Senden Sie größere Zahlen als Zeichenketten.</translation>
    </message>
    <message>
        <source>the text has %1 bytes; IoT Hub allows at most %2 bytes (UTF-8) per string.</source>
        <translation>der Text hat %1 Bytes; IoT Hub erlaubt höchstens %2 Bytes (UTF-8) pro Zeichenkette.</translation>
    </message>
    <message>
        <source>the value is not JSON.</source>
        <translation>der Wert ist kein JSON.</translation>
    </message>
    <message>
        <source>a property name must not be empty.</source>
        <translation>ein Eigenschaftsname darf nicht leer sein.</translation>
    </message>
    <message>
        <source>the property name has %1 bytes; IoT Hub allows at most %2 bytes (UTF-8).</source>
        <translation>der Eigenschaftsname hat %1 Bytes; IoT Hub erlaubt höchstens %2 Bytes (UTF-8).</translation>
    </message>
    <message>
        <source>the property name &quot;%1&quot; contains a control character (U+%2), which IoT Hub does not allow in names.</source>
        <translation>der Eigenschaftsname „%1“ enthält ein Steuerzeichen (U+%2), das IoT Hub in Namen nicht erlaubt.</translation>
    </message>
    <message>
        <source>the property name &quot;%1&quot; contains &apos;%2&apos;; IoT Hub does not allow &apos;.&apos;, &apos;$&apos; or spaces in names.</source>
        <translation>der Eigenschaftsname „%1“ enthält &apos;%2&apos;; IoT Hub erlaubt in Namen weder &apos;.&apos; noch &apos;$&apos; noch Leerzeichen.</translation>
    </message>
    <message>
        <source>the content has %1 bytes by IoT Hub&apos;s size rule; at most %2 are allowed. Remove or shorten properties.</source>
        <translation>der Inhalt hat nach der Größenregel von IoT Hub %1 Bytes; erlaubt sind höchstens %2. Entfernen oder kürzen Sie Eigenschaften.</translation>
    </message>
</context>
<context>
    <name>TwinBridge::UninstallPage</name>
    <message>
        <source>Uninstall</source>
        <translation>Deinstallieren</translation>
    </message>
    <message>
        <source>Deletes the Azure side of this profile. This cannot be undone.</source>
        <translation>Löscht die Azure-Seite dieses Profils. Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Resource group name to confirm</source>
        <translation>Name der Ressourcengruppe zur Bestätigung</translation>
    </message>
    <message>
        <source>Uninstall running</source>
        <translation>Deinstallation läuft</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>&amp;Type the name of the resource group, %1, to confirm:</source>
        <translation>&amp;Geben Sie zur Bestätigung den Namen der Ressourcengruppe, %1, ein:</translation>
    </message>
    <message>
        <source>You are not signed in to Azure. Go back to the sign-in page.</source>
        <translation>Sie sind nicht bei Azure angemeldet. Gehen Sie zurück zur Anmeldeseite.</translation>
    </message>
    <message>
        <source>Looking up resource group %1…</source>
        <translation>Ressourcengruppe %1 wird gesucht…</translation>
    </message>
    <message>
        <source>Will be deleted:</source>
        <translation>Wird gelöscht:</translation>
    </message>
    <message>
        <source>• resource group %1 in subscription %2 with everything in it: IoT hub %3 (its devices and twins), the Event Hubs namespace, the storage account and the Function app</source>
        <translation>• Ressourcengruppe %1 im Abonnement %2 mit allem, was sie enthält: IoT Hub %3 (seine Geräte und Zwillinge), der Event-Hubs-Namespace, das Speicherkonto und die Function-App</translation>
    </message>
    <message>
        <source>Resource group %1 does not exist in subscription %2: there is nothing to delete in Azure.</source>
        <translation>Die Ressourcengruppe %1 existiert im Abonnement %2 nicht: In Azure gibt es nichts zu löschen.</translation>
    </message>
    <message>
        <source>• the secrets of profile %1: %2</source>
        <translation>• die Geheimnisse des Profils %1: %2</translation>
    </message>
    <message>
        <source>• the IoT hub host name and resource group in profile %1 (the rest of the profile stays)</source>
        <translation>• IoT-Hub-Hostname und Ressourcengruppe im Profil %1 (der Rest des Profils bleibt)</translation>
    </message>
    <message>
        <source>Deleting resource group %1…</source>
        <translation>Ressourcengruppe %1 wird gelöscht…</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Resource group %1 is deleted.</source>
        <translation>Die Ressourcengruppe %1 ist gelöscht.</translation>
    </message>
    <message>
        <source>The secrets of profile %1 are removed.</source>
        <translation>Die Geheimnisse des Profils %1 sind entfernt.</translation>
    </message>
    <message>
        <source>Profile %1 no longer names an IoT hub.</source>
        <translation>Das Profil %1 nennt keinen IoT Hub mehr.</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Fertigstellen</translation>
    </message>
</context>
<context>
    <name>TwinBridge::VersionInfo</name>
    <message>
        <source>(built with %1)</source>
        <translation>(kompiliert mit %1)</translation>
    </message>
</context>
<context>
    <name>twinbridge</name>
    <message>
        <source>twinbridge: the window was not shown on screen in time; no screenshot taken. Is a display available?</source>
        <translation>twinbridge: Das Fenster wurde nicht rechtzeitig angezeigt; kein Bildschirmfoto erstellt. Ist eine Anzeige verfügbar?</translation>
    </message>
    <message>
        <source>twinbridge: could not write the screenshot to %1. Check that the folder exists and is writable.</source>
        <translation>twinbridge: Das Bildschirmfoto konnte nicht nach %1 geschrieben werden. Prüfen Sie, ob der Ordner existiert und beschreibbar ist.</translation>
    </message>
    <message>
        <source>Screenshot saved to %1</source>
        <translation>Bildschirmfoto gespeichert unter %1</translation>
    </message>
    <message>
        <source>TwinBridge console: connects a The Things Stack application to Azure IoT Hub.</source>
        <translation>TwinBridge-Konsole: verbindet eine Anwendung in The Things Stack mit Azure IoT Hub.</translation>
    </message>
    <message>
        <source>Displays version information, including the versions of Qt, OpenSSL, libmosquitto and QtKeychain.</source>
        <translation>Zeigt Versionsinformationen an, einschließlich der Versionen von Qt, OpenSSL, libmosquitto und QtKeychain.</translation>
    </message>
    <message>
        <source>Reads and writes the settings in &lt;file&gt; (INI format) instead of the user&apos;s settings.</source>
        <translation>Liest und schreibt die Einstellungen in &lt;Datei&gt; (INI-Format) statt in die Einstellungen des Benutzers.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Shows the main window, saves a picture of it as &lt;file&gt; (PNG) and quits.</source>
        <translation>Zeigt das Hauptfenster, speichert ein Bild davon als &lt;Datei&gt; (PNG) und beendet sich.</translation>
    </message>
    <message>
        <source>Run &apos;twinbridge --help&apos; for the options.</source>
        <translation>Die Optionen zeigt &apos;twinbridge --help&apos;.</translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos;. Run &apos;twinbridge --help&apos; for the options.</source>
        <translation>unerwartetes Argument &apos;%1&apos;. Die Optionen zeigt &apos;twinbridge --help&apos;.</translation>
    </message>
    <message>
        <source>Adds or updates the connection profile &quot;Sandbox&quot; from &lt;file&gt;, the sandbox.json that twinbridge-sandbox writes, stores its secrets in the OS keychain and selects it.</source>
        <translation>Legt das Verbindungsprofil „Sandbox“ aus &lt;Datei&gt;, der sandbox.json von twinbridge-sandbox, an oder aktualisiert es, speichert seine Geheimnisse im Schlüsselbund des Betriebssystems und wählt es aus.</translation>
    </message>
    <message>
        <source>Starts the integration engine for the current connection profile and shows the Bridge page; with --import-sandbox, for the imported sandbox profile once the import finished. With --screenshot, the picture is taken once the engine has run for a while.</source>
        <translation>Startet die Integrations-Engine für das aktuelle Verbindungsprofil und zeigt die Seite „Bridge“; mit --import-sandbox für das importierte Sandbox-Profil, sobald der Import abgeschlossen ist. Mit --screenshot wird das Bild aufgenommen, nachdem die Engine eine Weile gelaufen ist.</translation>
    </message>
</context>
<context>
    <name>twinbridge-sandbox</name>
    <message>
        <source>Run &apos;twinbridge-sandbox --help&apos; for the options.</source>
        <translation>Die Optionen zeigt &apos;twinbridge-sandbox --help&apos;.</translation>
    </message>
    <message>
        <source>Directory for the CA, the hubs and sandbox.json (required; created if missing).</source>
        <translation>Verzeichnis für die CA, die Hubs und sandbox.json (erforderlich; wird bei Bedarf angelegt).</translation>
    </message>
    <message>
        <source>Switches the IoT Hub throttles (S1 limits) off.</source>
        <translation>Schaltet die Drosselung des IoT Hub (S1-Grenzen) ab.</translation>
    </message>
    <message>
        <source>STACK_BASE_URL of the Function: where twin and lifecycle events are posted, e.g. http://127.0.0.1:1885/api/v3. Without it events stay pending.</source>
        <translation>STACK_BASE_URL der Function: wohin Zwillings- und Lebenszyklusereignisse gesendet werden, z. B. http://127.0.0.1:1885/api/v3. Ohne sie bleiben Ereignisse ausstehend.</translation>
    </message>
    <message>
        <source>STACK_APPLICATION_ID of the Function.</source>
        <translation>STACK_APPLICATION_ID der Function.</translation>
    </message>
    <message>
        <source>STACK_API_KEY of the Function (or set TWINBRIDGE_SANDBOX_STACK_API_KEY, which keeps the key out of the process list).</source>
        <translation>STACK_API_KEY der Function (oder setzen Sie TWINBRIDGE_SANDBOX_STACK_API_KEY; so bleibt der Schlüssel aus der Prozessliste).</translation>
    </message>
    <message>
        <source>Creates the hub without the template&apos;s fallback route (telemetry then reaches no endpoint).</source>
        <translation>Legt den Hub ohne die Fallback-Route der Vorlage an (Telemetrie erreicht dann keinen Endpunkt).</translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos;.</source>
        <translation>unerwartetes Argument &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>--state-dir DIR is required.</source>
        <translation>--state-dir DIR ist erforderlich.</translation>
    </message>
    <message>
        <source>--stack-base-url must be an http or https URL, such as http://127.0.0.1:1885/api/v3.</source>
        <translation>--stack-base-url muss eine http- oder https-URL sein, etwa http://127.0.0.1:1885/api/v3.</translation>
    </message>
    <message>
        <source>--seed must be a whole number.</source>
        <translation>--seed muss eine ganze Zahl sein.</translation>
    </message>
    <message>
        <source>could not start: %1</source>
        <translation>Start nicht möglich: %1</translation>
    </message>
    <message>
        <source>Ready: %1</source>
        <translation>Bereit: %1</translation>
    </message>
    <message>
        <source>twinbridge-sandbox stopped</source>
        <translation>twinbridge-sandbox beendet</translation>
    </message>
    <message>
        <source>twinbridge-sandbox runs a local The Things Stack application (REST API over HTTP and a mosquitto
MQTT server, plain and TLS) and a local Azure on 127.0.0.1: IoT Hub (device MQTT over TLS, service
REST over HTTPS, with the routes, Event Hub and Function that The Things Stack&apos;s deployment template
creates), Entra ID over HTTPS and an admin API (HTTP). When it is ready it writes DIR/sandbox.json
with the addresses, keys and the CA certificate to trust. State stays in DIR across restarts.

It needs mosquitto (Debian package mosquitto). It stops cleanly, with the broker, on Ctrl+C (SIGINT)
or SIGTERM.

Exit codes:
  0   stopped normally
  64  the command line was wrong (see the options below)
  69  the sandbox could not start or stopped working (state directory, ports, certificates, mosquitto)
</source>
        <translation>twinbridge-sandbox betreibt eine lokale Anwendung in The Things Stack (REST-API über HTTP und einen
mosquitto-MQTT-Server, ohne und mit TLS) und ein lokales Azure auf 127.0.0.1: IoT Hub (Geräte-MQTT
über TLS, Dienst-REST über HTTPS, mit Routen, Event Hub und Function aus der Bereitstellungsvorlage von
The Things Stack), Entra ID über HTTPS und eine Admin-API (HTTP). Ist es bereit, schreibt es DIR/sandbox.json
mit Adressen, Schlüsseln und dem zu vertrauenden CA-Zertifikat. Der Zustand in DIR übersteht Neustarts.

Es benötigt mosquitto (Debian-Paket mosquitto). Bei Strg+C (SIGINT) oder SIGTERM hält es zusammen mit dem
Broker sauber an.

Exit-Codes:
  0   normal beendet
  64  die Befehlszeile war falsch (siehe die Optionen unten)
  69  die Sandbox konnte nicht starten oder ist ausgefallen (Zustandsverzeichnis, Ports, Zertifikate, mosquitto)
</translation>
    </message>
    <message>
        <source>Seed (a whole number) that makes TTS API keys, device EUIs and AppKeys and the virtual devices&apos; values reproducible.</source>
        <translation>Startwert (eine ganze Zahl), der TTS-API-Schlüssel, Geräte-EUIs und AppKeys sowie die Werte der virtuellen Geräte reproduzierbar macht.</translation>
    </message>
    <message>
        <source>TTS devices to provision in demo-app on the first start (0 to %1; default 0). A restart keeps the devices the state directory has.</source>
        <translation>Anzahl der TTS-Endgeräte, die beim ersten Start in demo-app erstellt werden (0 bis %1; Standard 0). Ein Neustart übernimmt die Geräte aus dem Zustandsverzeichnis.</translation>
    </message>
    <message>
        <source>Seconds of simulated time between two uplinks of a virtual device (more than 0; default 60).</source>
        <translation>Sekunden simulierter Zeit zwischen zwei Uplinks eines virtuellen Geräts (mehr als 0; Standard 60).</translation>
    </message>
    <message>
        <source>Time acceleration of the virtual devices: 10 makes a 60 s interval last 6 s (more than 0; default 1).</source>
        <translation>Zeitraffer für die virtuellen Geräte: Mit 10 dauert ein Intervall von 60 s nur 6 s (mehr als 0; Standard 1).</translation>
    </message>
    <message>
        <source>Names the plain TTS MQTT listener in sandbox.json instead of the TLS one. Azure endpoints always use TLS.</source>
        <translation>Trägt in sandbox.json den unverschlüsselten MQTT-Listener von TTS statt des TLS-Listeners ein. Azure-Endpunkte verwenden immer TLS.</translation>
    </message>
    <message>
        <source>The mosquitto program to run (or set TWINBRIDGE_SANDBOX_MOSQUITTO; default: mosquitto on PATH or in /usr/sbin).</source>
        <translation>Das auszuführende mosquitto-Programm (oder setzen Sie TWINBRIDGE_SANDBOX_MOSQUITTO; Standard: mosquitto im PATH oder in /usr/sbin).</translation>
    </message>
    <message>
        <source>--devices must be a whole number from 0 to %1.</source>
        <translation>--devices muss eine ganze Zahl von 0 bis %1 sein.</translation>
    </message>
    <message>
        <source>--uplink-interval must be a number of seconds above 0 and at most %1 (one week).</source>
        <translation>--uplink-interval muss eine Anzahl Sekunden über 0 und höchstens %1 (eine Woche) sein.</translation>
    </message>
    <message>
        <source>--speed must be a number above 0 and at most %1, such as 10 for ten times faster.</source>
        <translation>--speed muss eine Zahl über 0 und höchstens %1 sein, etwa 10 für zehnfache Geschwindigkeit.</translation>
    </message>
    <message>
        <source>stopped working: %1</source>
        <translation>ausgefallen: %1</translation>
    </message>
    <message>
        <source>Multiplies the simulated durations of Resource Manager deployments (default 1: an IoT hub takes 3 s; 0 makes them finish at once, 10 makes them slow enough to cancel).</source>
        <translation>Multipliziert die simulierten Dauern von Resource-Manager-Bereitstellungen (Standard 1: ein IoT-Hub braucht 3 s; 0 lässt sie sofort fertig werden, 10 macht sie langsam genug zum Abbrechen).</translation>
    </message>
    <message>
        <source>--arm-time-scale must be a number from 0 to 1000.</source>
        <translation>--arm-time-scale muss eine Zahl von 0 bis 1000 sein.</translation>
    </message>
</context>
<context>
    <name>twinbridged</name>
    <message>
        <source>twinbridged runs the TwinBridge integration engine without a window: it forwards The Things Stack
uplinks to Azure IoT Hub and turns device twin changes into LoRaWAN downlinks.

It stops cleanly on Ctrl+C (SIGINT) or SIGTERM, finishing the work it has accepted.

Exit codes:
  0   stopped normally
  64  the command line was wrong (see the options below)
</source>
        <translation>twinbridged betreibt die TwinBridge-Integrations-Engine ohne Fenster: Es leitet Uplinks aus The Things
Stack an Azure IoT Hub weiter und macht aus Änderungen an Gerätezwillingen LoRaWAN-Downlinks.

Es hält bei Strg+C (SIGINT) oder SIGTERM sauber an und erledigt vorher die angenommene Arbeit.

Exit-Codes:
  0   normal beendet
  64  die Befehlszeile war falsch (siehe die Optionen unten)
</translation>
    </message>
    <message>
        <source>Displays version information, including the versions of Qt, OpenSSL, libmosquitto and QtKeychain.</source>
        <translation>Zeigt Versionsinformationen an, einschließlich der Versionen von Qt, OpenSSL, libmosquitto und QtKeychain.</translation>
    </message>
    <message>
        <source>Run &apos;twinbridged --help&apos; for the options.</source>
        <translation>Die Optionen zeigt &apos;twinbridged --help&apos;.</translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos;. Run &apos;twinbridged --help&apos; for the options.</source>
        <translation>unerwartetes Argument &apos;%1&apos;. Die Optionen zeigt &apos;twinbridged --help&apos;.</translation>
    </message>
    <message>
        <source>twinbridged stopped</source>
        <translation>twinbridged beendet</translation>
    </message>
    <message>
        <source>  66  the profile file or sandbox.json does not exist or cannot be read
  69  the engine could not start (outbox used by another twinbridged, ingest port in use, …)
  78  the configuration is invalid or a secret is missing (the message names each)
  130 stopped at once by a second SIGINT/SIGTERM (nothing is lost: the outbox is replayed)

Try it against the local sandbox (no Azure, no TTS account needed):
  twinbridge-sandbox --state-dir /tmp/sb --devices 5 &amp;
  twinbridged --sandbox /tmp/sb/sandbox.json --stats 5

Run it for real with a profile exported from the console and the secrets in the environment:
  TWINBRIDGE_TTS_API_KEY=… TWINBRIDGE_IOTHUB_POLICY_KEY=… TWINBRIDGE_INGEST_KEY=… \
    twinbridged --config profile.json
Secrets missing from the environment are read from the OS keychain (as the console stored them).
A stop finishes the work in flight (at most the drain time) and keeps the rest in the outbox.
</source>
        <translation>  66  die Profildatei oder sandbox.json existiert nicht oder ist nicht lesbar
  69  die Engine konnte nicht starten (Outbox von anderem twinbridged benutzt, Ingest-Port belegt, …)
  78  die Konfiguration ist ungültig oder ein Geheimnis fehlt (die Meldung nennt die Einzelheiten)
  130 sofort beendet durch zweites SIGINT/SIGTERM (nichts geht verloren: die Outbox bleibt erhalten)

Probieren Sie es mit der lokalen Sandbox aus (ohne Azure, ohne TTS-Konto):
  twinbridge-sandbox --state-dir /tmp/sb --devices 5 &amp;
  twinbridged --sandbox /tmp/sb/sandbox.json --stats 5

Im Echtbetrieb mit einem aus der Konsole exportierten Profil und den Geheimnissen in der Umgebung:
  TWINBRIDGE_TTS_API_KEY=… TWINBRIDGE_IOTHUB_POLICY_KEY=… TWINBRIDGE_INGEST_KEY=… \
    twinbridged --config profile.json
Fehlen Geheimnisse in der Umgebung, liest es sie aus dem Schlüsselbund (wo die Konsole sie ablegt).
Beim Anhalten erledigt es laufende Arbeit (höchstens bis zur Auslaufzeit), der Rest bleibt in der Outbox.
</translation>
    </message>
    <message>
        <source>Runs against the twinbridge-sandbox that wrote &lt;file&gt; (its sandbox.json): endpoints and keys come from there. The ingest key is TWINBRIDGE_INGEST_KEY, or a random one for this run.</source>
        <translation>Läuft gegen die twinbridge-sandbox, die &lt;Datei&gt; (ihre sandbox.json) geschrieben hat: Endpunkte und Schlüssel kommen von dort. Der Ingest-Schlüssel ist TWINBRIDGE_INGEST_KEY oder ein zufälliger für diesen Lauf.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Runs the profile in &lt;file&gt; (a profile exported from the console, optionally with an &quot;engine&quot; section; see docs/twinbridged.md). Secrets come from the environment, then the keychain.</source>
        <translation>Führt das Profil in &lt;Datei&gt; aus (ein aus der Konsole exportiertes Profil, optional mit einem Abschnitt „engine“; siehe docs/twinbridged.md). Geheimnisse kommen aus der Umgebung, dann aus dem Schlüsselbund.</translation>
    </message>
    <message>
        <source>Where secrets come from: &quot;env&quot; (only the TWINBRIDGE_* variables), &quot;keychain&quot; (only the OS keychain) or &quot;auto&quot; (the environment first, then the keychain; default).</source>
        <translation>Woher Geheimnisse kommen: „env“ (nur die Variablen TWINBRIDGE_*), „keychain“ (nur der Schlüsselbund des Betriebssystems) oder „auto“ (erst die Umgebung, dann der Schlüsselbund; Standard).</translation>
    </message>
    <message>
        <source>source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Keeps the outbox (the durable queue) in &lt;dir&gt; instead of the profile&apos;s default data directory.</source>
        <translation>Legt die Outbox (die dauerhafte Warteschlange) in &lt;Verzeichnis&gt; ab statt im Standard-Datenverzeichnis des Profils.</translation>
    </message>
    <message>
        <source>dir</source>
        <translation>Verzeichnis</translation>
    </message>
    <message>
        <source>Device connections: &quot;pooled&quot; (keep them open for a while; default) or &quot;strict&quot; (connect, send, disconnect for every message).</source>
        <translation>Geräteverbindungen: „pooled“ (eine Weile offen halten; Standard) oder „strict“ (für jede Nachricht verbinden, senden, trennen).</translation>
    </message>
    <message>
        <source>mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>Port of the ingest endpoint (0: any free port; default 8095).</source>
        <translation>Port des Ingest-Endpunkts (0: ein beliebiger freier Port; Standard 8095).</translation>
    </message>
    <message>
        <source>port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Address the ingest endpoint listens on (default 127.0.0.1; anything else is reachable from other machines: use TLS there).</source>
        <translation>Adresse, auf der der Ingest-Endpunkt lauscht (Standard 127.0.0.1; jede andere ist von anderen Rechnern aus erreichbar: verwenden Sie dort TLS).</translation>
    </message>
    <message>
        <source>address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Runs without the ingest endpoint (uplinks only).</source>
        <translation>Läuft ohne den Ingest-Endpunkt (nur Uplinks).</translation>
    </message>
    <message>
        <source>With --sandbox: leaves the sandbox&apos;s Function alone instead of pointing it at this engine.</source>
        <translation>Mit --sandbox: lässt die Function der Sandbox unverändert, statt sie auf diese Engine auszurichten.</translation>
    </message>
    <message>
        <source>Prints the counters as one JSON line to standard output every &lt;seconds&gt;.</source>
        <translation>Gibt alle &lt;Sekunden&gt; die Zähler als eine JSON-Zeile auf der Standardausgabe aus.</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>Sekunden</translation>
    </message>
    <message>
        <source>Prints every event of the live feed (forwarded uplinks, downlinks, errors) as a JSON line to standard output.</source>
        <translation>Gibt jedes Ereignis des Live-Feeds (weitergeleitete Uplinks, Downlinks, Fehler) als JSON-Zeile auf der Standardausgabe aus.</translation>
    </message>
    <message>
        <source>How long a stop waits for the work in flight (default 10).</source>
        <translation>Wie lange das Anhalten auf laufende Arbeit wartet (Standard 10).</translation>
    </message>
    <message>
        <source>give either --sandbox &lt;file&gt; or --config &lt;file&gt;.</source>
        <translation>geben Sie entweder --sandbox &lt;Datei&gt; oder --config &lt;Datei&gt; an.</translation>
    </message>
    <message>
        <source>--secrets must be env, keychain or auto, not &apos;%1&apos;.</source>
        <translation>--secrets muss env, keychain oder auto sein, nicht &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>--mode must be strict or pooled, not &apos;%1&apos;.</source>
        <translation>--mode muss strict oder pooled sein, nicht &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>--ingest-port must be a port number from 0 to 65535.</source>
        <translation>--ingest-port muss eine Portnummer von 0 bis 65535 sein.</translation>
    </message>
    <message>
        <source>--ingest-address must be an IP address such as 127.0.0.1 or 0.0.0.0.</source>
        <translation>--ingest-address muss eine IP-Adresse wie 127.0.0.1 oder 0.0.0.0 sein.</translation>
    </message>
    <message>
        <source>--stats must be a whole number of seconds from 1 to 86400.</source>
        <translation>--stats muss eine ganze Sekundenzahl von 1 bis 86400 sein.</translation>
    </message>
    <message>
        <source>--drain-seconds must be from 0 to 3600.</source>
        <translation>--drain-seconds muss zwischen 0 und 3600 liegen.</translation>
    </message>
    <message>
        <source>no TWINBRIDGE_INGEST_KEY set and --no-register given: the sandbox&apos;s Function cannot know this run&apos;s random ingest key, so twin changes will be refused (401).</source>
        <translation>kein TWINBRIDGE_INGEST_KEY gesetzt und --no-register angegeben: Die Function der Sandbox kann den zufälligen Ingest-Schlüssel dieses Laufs nicht kennen, daher werden Zwillingsänderungen abgelehnt (401).</translation>
    </message>
    <message>
        <source>second signal: stopping at once</source>
        <translation>zweites Signal: sofort beenden</translation>
    </message>
    <message>
        <source>twinbridged stopping: finishing the work in flight…</source>
        <translation>twinbridged hält an: laufende Arbeit wird erledigt…</translation>
    </message>
    <message>
        <source>… and %1 more errors in the last %2 ms (--events shows all)</source>
        <translation>… und %1 weitere Fehler in den letzten %2 ms (--events zeigt alle)</translation>
    </message>
    <message>
        <source>twinbridged %1 started: TTS application %2 → IoT hub %3 (%4 mode)</source>
        <translation>twinbridged %1 gestartet: TTS-Anwendung %2 → IoT-Hub %3 (Modus %4)</translation>
    </message>
    <message>
        <source>ingest endpoint: %1</source>
        <translation>Ingest-Endpunkt: %1</translation>
    </message>
    <message>
        <source>outbox: %1</source>
        <translation>Outbox: %1</translation>
    </message>
    <message>
        <source>sandbox Function of hub %1 now posts to %2</source>
        <translation>Sandbox-Function von Hub %1 sendet jetzt an %2</translation>
    </message>
    <message>
        <source>
Deploy, update or remove the Azure side of a profile (see &apos;twinbridged deploy --help&apos;):
  twinbridged deploy --config profile.json --location westeurope
  twinbridged update --config profile.json
  twinbridged uninstall --config profile.json
</source>
        <translation>
Die Azure-Seite eines Profils bereitstellen, aktualisieren oder entfernen (siehe &apos;twinbridged deploy --help&apos;):
  twinbridged deploy --config profile.json --location westeurope
  twinbridged update --config profile.json
  twinbridged uninstall --config profile.json
</translation>
    </message>
</context>
</TS>
