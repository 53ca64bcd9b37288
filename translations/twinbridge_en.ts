<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>TwinBridge::BridgeHealth</name>
    <message numerus="yes">
        <source>Identities checked; %n created by this run.</source>
        <translation>
            <numerusform>Identities checked; %n created by this run.</numerusform>
            <numerusform>Identities checked; %n created by this run.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n device connection(s) open; %1 message(s) acknowledged.</source>
        <translation>
            <numerusform>%n device connection open; %1 message(s) acknowledged.</numerusform>
            <numerusform>%n device connections open; %1 message(s) acknowledged.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TwinBridge::BridgePage</name>
    <message numerus="yes">
        <source>Retrying %n waiting message(s) now.</source>
        <translation>
            <numerusform>Retrying %n waiting message now.</numerusform>
            <numerusform>Retrying %n waiting messages now.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Discard the %n message(s) waiting in the outbox? They will never reach IoT Hub or The Things Stack. Messages being sent right now are not affected. This cannot be undone.</source>
        <translation>
            <numerusform>Discard the %n message waiting in the outbox? It will never reach IoT Hub or The Things Stack. Messages being sent right now are not affected. This cannot be undone.</numerusform>
            <numerusform>Discard the %n messages waiting in the outbox? They will never reach IoT Hub or The Things Stack. Messages being sent right now are not affected. This cannot be undone.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Discarded %n message(s) from the outbox.</source>
        <translation>
            <numerusform>Discarded %n message from the outbox.</numerusform>
            <numerusform>Discarded %n messages from the outbox.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Outbox: %n message(s) waiting</source>
        <translation>
            <numerusform>Outbox: %n message waiting</numerusform>
            <numerusform>Outbox: %n messages waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n device(s) waiting for their hub identity</source>
        <translation>
            <numerusform>; %n device waiting for its hub identity</numerusform>
            <numerusform>; %n devices waiting for their hub identity</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TwinBridge::CloudError</name>
    <message numerus="yes">
        <source>(%n more problem(s) in the details.)</source>
        <translation>
            <numerusform>(%n more problem in the details.)</numerusform>
            <numerusform>(%n more problems in the details.)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TwinBridge::ConnectionsPage</name>
    <message numerus="yes">
        <source>Not saved: %n field(s) need fixing, see the messages below them.</source>
        <translation>
            <numerusform>Not saved: %n field needs fixing, see the message below it.</numerusform>
            <numerusform>Not saved: %n fields need fixing, see the messages below them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TwinBridge::DeployCommand</name>
    <message numerus="yes">
        <source>  IoT hub         %1, %2 × %n unit(s), policy %3</source>
        <translation>
            <numerusform>  IoT hub         %1, %2 × %n unit, policy %3</numerusform>
            <numerusform>  IoT hub         %1, %2 × %n units, policy %3</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TwinBridge::DeviceBulkActionDialog</name>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n second</numerusform>
            <numerusform>%n seconds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Dry run — nothing has been changed yet. %1 of %n selected device(s) will be changed, %2 skipped.</source>
        <translation>
            <numerusform>Dry run — nothing has been changed yet. %1 of %n selected device will be changed, %2 skipped.</numerusform>
            <numerusform>Dry run — nothing has been changed yet. %1 of %n selected devices will be changed, %2 skipped.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TwinBridge::DevicesPage</name>
    <message numerus="yes">
        <source>Loaded %n device(s)</source>
        <translation>
            <numerusform>Loaded %n device</numerusform>
            <numerusform>Loaded %n devices</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n device(s) to %1</source>
        <translation>
            <numerusform>Exported %n device to %1</numerusform>
            <numerusform>Exported %n devices to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TwinBridge::Engine</name>
    <message numerus="yes">
        <source>%n uplink(s) could not be stored and were lost: %1</source>
        <translation>
            <numerusform>%n uplink could not be stored and was lost: %1</numerusform>
            <numerusform>%n uplinks could not be stored and were lost: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Refused %n ingest event(s): %1</source>
        <translation>
            <numerusform>Refused %n ingest event: %1</numerusform>
            <numerusform>Refused %n ingest events: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more event(s) left out of the live feed</source>
        <translation>
            <numerusform>%n more event left out of the live feed</numerusform>
            <numerusform>%n more events left out of the live feed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped; %n message(s) still in flight go out again at the next start</source>
        <translation>
            <numerusform>Stopped; %n message still in flight goes out again at the next start</numerusform>
            <numerusform>Stopped; %n messages still in flight go out again at the next start</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped; %n record(s) wait in the outbox for the next start</source>
        <translation>
            <numerusform>Stopped; %n record waits in the outbox for the next start</numerusform>
            <numerusform>Stopped; %n records wait in the outbox for the next start</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Resumed; %n record(s) in the outbox go out now</source>
        <translation>
            <numerusform>Resumed; %n record in the outbox goes out now</numerusform>
            <numerusform>Resumed; %n records in the outbox go out now</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Retrying %n waiting message(s) now</source>
        <translation>
            <numerusform>Retrying %n waiting message now</numerusform>
            <numerusform>Retrying %n waiting messages now</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Discarded %n message(s) from the outbox; they will not be forwarded</source>
        <translation>
            <numerusform>Discarded %n message from the outbox; it will not be forwarded</numerusform>
            <numerusform>Discarded %n messages from the outbox; they will not be forwarded</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Discarded %n message(s) of %1 from the outbox; they will not be forwarded</source>
        <translation>
            <numerusform>Discarded %n message of %1 from the outbox; it will not be forwarded</numerusform>
            <numerusform>Discarded %n messages of %1 from the outbox; they will not be forwarded</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TwinBridge::IotHubServiceClient</name>
    <message numerus="yes">
        <source>IoT Hub throttled %1 and still refused after %n attempt(s). %2 Wait a minute and try again, or scale the hub up.</source>
        <translation>
            <numerusform>IoT Hub throttled %1 and still refused after %n attempt. %2 Wait a minute and try again, or scale the hub up.</numerusform>
            <numerusform>IoT Hub throttled %1 and still refused after %n attempts. %2 Wait a minute and try again, or scale the hub up.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>IoT Hub is temporarily unavailable and still was after %n attempt(s). Try again in a few minutes.</source>
        <translation>
            <numerusform>IoT Hub is temporarily unavailable and still was after %n attempt. Try again in a few minutes.</numerusform>
            <numerusform>IoT Hub is temporarily unavailable and still was after %n attempts. Try again in a few minutes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>change %n IoT Hub device(s) in bulk</source>
        <translation>
            <numerusform>change %n IoT Hub device in bulk</numerusform>
            <numerusform>change %n IoT Hub devices in bulk</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) read</source>
        <translation>
            <numerusform>%n item read</numerusform>
            <numerusform>%n items read</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TwinBridge::LiveDataPage</name>
    <message numerus="yes">
        <source>Exported %n event(s) to %1</source>
        <translation>
            <numerusform>Exported %n event to %1</numerusform>
            <numerusform>Exported %n events to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Recorded %n event(s) to %1</source>
        <translation>
            <numerusform>Recorded %n event to %1</numerusform>
            <numerusform>Recorded %n events to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n older event(s) dropped (the table keeps the newest %1).</source>
        <translation>
            <numerusform>%n older event dropped (the table keeps the newest %1).</numerusform>
            <numerusform>%n older events dropped (the table keeps the newest %1).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Paused: %n new event(s) while paused.</source>
        <translation>
            <numerusform>Paused: %n new event while paused.</numerusform>
            <numerusform>Paused: %n new events while paused.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Recording to %1: %n event(s)</source>
        <translation>
            <numerusform>Recording to %1: %n event</numerusform>
            <numerusform>Recording to %1: %n events</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TwinBridge::OptionsPage</name>
    <message numerus="yes">
        <source>Billed per unit and month: %1 × %n unit(s). The daily message quota and the throttles grow with the units; twin updates count as messages. Event Hubs, the Function and storage cost little next to the hub.</source>
        <translation>
            <numerusform>Billed per unit and month: %1 × %n unit. The daily message quota and the throttles grow with the units; twin updates count as messages. Event Hubs, the Function and storage cost little next to the hub.</numerusform>
            <numerusform>Billed per unit and month: %1 × %n units. The daily message quota and the throttles grow with the units; twin updates count as messages. Event Hubs, the Function and storage cost little next to the hub.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TwinBridge::ReviewPage</name>
    <message numerus="yes">
        <source>%n resource(s)</source>
        <translation>
            <numerusform>%n resource</numerusform>
            <numerusform>%n resources</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>IoT hub: %1, %2 × %n unit(s), policy %3</source>
        <translation>
            <numerusform>IoT hub: %1, %2 × %n unit, policy %3</numerusform>
            <numerusform>IoT hub: %1, %2 × %n units, policy %3</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TwinBridge::SignInPage</name>
    <message numerus="yes">
        <source>Signed in as %1 (%n subscription(s) visible).</source>
        <translation>
            <numerusform>Signed in as %1 (%n subscription visible).</numerusform>
            <numerusform>Signed in as %1 (%n subscriptions visible).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TwinBridge::TtsRights</name>
    <message numerus="yes">
        <source>The API key lacks %n right(s) needed for %1: %2. %3 Add them to the key in the TTS Console (your application → API keys) or create a new key that has them.</source>
        <translation>
            <numerusform>The API key lacks %n right needed for %1: %2. %3 Add it to the key in the TTS Console (your application → API keys) or create a new key that has it.</numerusform>
            <numerusform>The API key lacks %n rights needed for %1: %2. %3 Add them to the key in the TTS Console (your application → API keys) or create a new key that has them.</numerusform>
        </translation>
    </message>
</context>
</TS>
