<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
<context>
    <name>AlertTexts</name>
    <message numerus="yes">
        <source>%n order(s) past their ship-by time</source>
        <translation>
            <numerusform>%n order past its ship-by time</numerusform>
            <numerusform>%n orders past their ship-by time</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) due soon without a printed label</source>
        <translation>
            <numerusform>%n order due soon without a printed label</numerusform>
            <numerusform>%n orders due soon without a printed label</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cancelled order(s) with a label: do not ship</source>
        <translation>
            <numerusform>%n cancelled order with a label: do not ship</numerusform>
            <numerusform>%n cancelled orders with a label: do not ship</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Amazon refused %n tracking number(s)</source>
        <translation>
            <numerusform>Amazon refused %n tracking number</numerusform>
            <numerusform>Amazon refused %n tracking numbers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n parcel(s) on their way without tracking at Amazon</source>
        <translation>
            <numerusform>%n parcel on its way without tracking at Amazon</numerusform>
            <numerusform>%n parcels on their way without tracking at Amazon</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n parcel(s) printed but not scanned by the carrier</source>
        <translation>
            <numerusform>%n parcel printed but not scanned by the carrier</numerusform>
            <numerusform>%n parcels printed but not scanned by the carrier</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Orders %1 and %n more.</source>
        <translation>
            <numerusform>Orders %1 and %n more.</numerusform>
            <numerusform>Orders %1 and %n more.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Order(s) %1.</source>
        <translation>
            <numerusform>Order %1.</numerusform>
            <numerusform>Orders %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BulkEditDialog</name>
    <message numerus="yes">
        <source>Tick what to set on the %Ln selected order(s). Labels made already are left as they are; a draft that needs review keeps its review.</source>
        <translation>
            <numerusform>Tick what to set on the %Ln selected order. A label made already is left as it is; a draft that needs review keeps its review.</numerusform>
            <numerusform>Tick what to set on the %Ln selected orders. Labels made already are left as they are; a draft that needs review keeps its review.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>The buyer&apos;s name and address of %Ln order(s) were erased, as Amazon requires (30 days after delivery). The orders themselves stay.</source>
        <translation>
            <numerusform>The buyer&apos;s name and address of %Ln order were erased, as Amazon requires (30 days after delivery). The order itself stays.</numerusform>
            <numerusform>The buyers&apos; names and addresses of %Ln orders were erased, as Amazon requires (30 days after delivery). The orders themselves stay.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrdersTab</name>
    <message numerus="yes">
        <source>%Ln order(s) shown</source>
        <translation>
            <numerusform>%Ln order shown</numerusform>
            <numerusform>%Ln orders shown</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln tracking number(s) on their way to Amazon</source>
        <translation>
            <numerusform>%Ln tracking number on its way to Amazon</numerusform>
            <numerusform>%Ln tracking numbers on their way to Amazon</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln refused by Amazon: see Errors</source>
        <translation>
            <numerusform>%Ln refused by Amazon: see Errors</numerusform>
            <numerusform>%Ln refused by Amazon: see Errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln label(s) created.</source>
        <translation>
            <numerusform>%Ln label created.</numerusform>
            <numerusform>%Ln labels created.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln label page(s) saved as %1.</source>
        <translation>
            <numerusform>%Ln label page saved as %1.</numerusform>
            <numerusform>%Ln label pages saved as %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sent %Ln page(s) to %1.</source>
        <translation>
            <numerusform>Sent %Ln page to %1.</numerusform>
            <numerusform>Sent %Ln pages to %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln draft(s) changed.</source>
        <translation>
            <numerusform>%Ln draft changed.</numerusform>
            <numerusform>%Ln drafts changed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln left as they were (their labels are made already).</source>
        <translation>
            <numerusform>%Ln left as it was (its label is made already).</numerusform>
            <numerusform>%Ln left as they were (their labels are made already).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln need review first: open them one by one.</source>
        <translation>
            <numerusform>%Ln needs review first: open it.</numerusform>
            <numerusform>%Ln need review first: open them one by one.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Pick list for %Ln order(s) sent to %1.</source>
        <translation>
            <numerusform>Pick list for %Ln order sent to %1.</numerusform>
            <numerusform>Pick list for %Ln orders sent to %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Tell Amazon that %Ln order(s) are shipped?</source>
        <translation>
            <numerusform>Tell Amazon that %Ln order is shipped?</numerusform>
            <numerusform>Tell Amazon that %Ln orders are shipped?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln of them have no printed label: %1</source>
        <translation>
            <numerusform>%Ln of them has no printed label: %1</numerusform>
            <numerusform>%Ln of them have no printed label: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln tracking number(s) queued for Amazon.</source>
        <translation>
            <numerusform>%Ln tracking number queued for Amazon.</numerusform>
            <numerusform>%Ln tracking numbers queued for Amazon.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln tracking number(s) sent again.</source>
        <translation>
            <numerusform>%Ln tracking number sent again.</numerusform>
            <numerusform>%Ln tracking numbers sent again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Importing… %Ln order(s) received</source>
        <translation>
            <numerusform>Importing… %Ln order received</numerusform>
            <numerusform>Importing… %Ln orders received</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln draft label(s) made</source>
        <translation>
            <numerusform>%Ln draft label made</numerusform>
            <numerusform>%Ln draft labels made</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The carrier could not be asked about %Ln order(s); ShipDesk tries again.</source>
        <translation>
            <numerusform>The carrier could not be asked about %Ln order; ShipDesk tries again.</numerusform>
            <numerusform>The carrier could not be asked about %Ln orders; ShipDesk tries again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ShippingOptionsTab</name>
    <message numerus="yes">
        <source>Use the new settings for %Ln draft label(s) not yet created?</source>
        <translation>
            <numerusform>Use the new settings for %Ln draft label not yet created?</numerusform>
            <numerusform>Use the new settings for %Ln draft labels not yet created?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln draft(s) you changed yourself keep your changes.</source>
        <translation>
            <numerusform>%Ln draft you changed yourself keeps your changes.</numerusform>
            <numerusform>%Ln drafts you changed yourself keep your changes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved. %Ln draft label(s) updated.</source>
        <translation>
            <numerusform>Saved. %Ln draft label updated.</numerusform>
            <numerusform>Saved. %Ln draft labels updated.</numerusform>
        </translation>
    </message>
</context>
</TS>
